package dev.caplens.transform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three snapshot tables the marts are computed from, each in its {@link SnapshotTables}
 * schema (partition columns included). Rows need not be trusted yet: the transform keeps only
 * rows whose scope snapshot was published.
 */
public record SnapshotInputs(Dataset<Row> scopesDF, Dataset<Row> reservationsDF, Dataset<Row> reservationUsageDF) {

  public SnapshotInputs {
    Preconditions.requireColumns(scopesDF, SnapshotTables.SCOPES, "scopes");
    Preconditions.requireColumns(reservationsDF, SnapshotTables.RESERVATIONS, "reservations");
    Preconditions.requireColumns(reservationUsageDF, SnapshotTables.RESERVATION_USAGE, "reservation_usage");
  }

  public SnapshotInputs persist() {
    return new SnapshotInputs(scopesDF.persist(), reservationsDF.persist(), reservationUsageDF.persist());
  }

  public void unpersist() {
    scopesDF.unpersist();
    reservationsDF.unpersist();
    reservationUsageDF.unpersist();
  }
}
