package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps the rows of a snapshot table whose scope snapshot was published: a scope's files are moved
 * into place before its {@code scopes} row, so rows without one belong to a run that died while
 * publishing and must stay invisible.
 */
public final class TrustedSnapshots {

  /** The rows of {@code tableDF} that have a {@code scopes} row with the same scope snapshot key. */
  public static Dataset<Row> trusted(Dataset<Row> tableDF, Dataset<Row> scopesDF) {
    return tableDF.join(publishedScopeSnapshots(scopesDF), Cols.using(SnapshotTables.SCOPE_SNAPSHOT_KEY), "left_semi");
  }

  /**
   * One data-quality finding per unpublished scope snapshot of {@code tableName} on a day in
   * {@code period}: the rows were ignored, and the finding says how many.
   */
  public static Dataset<Row> unpublishedFindings(Dataset<Row> tableDF, Dataset<Row> scopesDF,
      String tableName, DayRange period) {
    return tableDF
        .filter(col("snapshot_date").between(Date.valueOf(period.from()), Date.valueOf(period.to())))
        .join(publishedScopeSnapshots(scopesDF), Cols.using(SnapshotTables.SCOPE_SNAPSHOT_KEY), "left_anti")
        .groupBy("provider", "account_id", "region", "snapshot_time", "run_id", "snapshot_date")
        .agg(count(lit(1)).as("ignored_rows"))
        .select(
            col("provider"),
            col("account_id"),
            col("region"),
            lit(null).cast("string").as("reservation_id"),
            lit(DataQuality.UNPUBLISHED_ROWS).as("check"),
            format_string("%d %s rows of run %s at %s have no scopes row (the run did not finish publishing "
                    + "this scope); ignored",
                col("ignored_rows"), lit(tableName), col("run_id"), DataQuality.isoInstant(col("snapshot_time")))
                .as("detail"),
            lit(null).cast(MartSchemas.HOURS).as("instance_hours"),
            col("snapshot_date").as("date"))
        .select(Cols.of(MartSchemas.DATA_QUALITY));
  }

  private static Dataset<Row> publishedScopeSnapshots(Dataset<Row> scopesDF) {
    return scopesDF.select(Cols.of(SnapshotTables.SCOPE_SNAPSHOT_KEY));
  }

  private TrustedSnapshots() {}
}
