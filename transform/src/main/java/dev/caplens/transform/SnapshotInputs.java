package dev.caplens.transform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The snapshot tables the marts are computed from, each in its {@link SnapshotTables} schema
 * (partition columns included; of reservations, {@link SnapshotTables#RESERVATIONS_FOR_MARTS}
 * is enough). Rows need not be trusted yet: the transform keeps only rows whose scope snapshot
 * was published.
 */
public record SnapshotInputs(Dataset<Row> scopesDF, Dataset<Row> reservationsDF, Dataset<Row> reservationUsageDF,
    Dataset<Row> outpostCapacityDF, Dataset<Row> outpostInstancesDF, Dataset<Row> capacityTasksDF,
    Dataset<Row> poolInstanceCountsDF) {

  public SnapshotInputs {
    Preconditions.requireColumns(scopesDF, SnapshotTables.SCOPES, "scopes");
    Preconditions.requireColumns(reservationsDF, SnapshotTables.RESERVATIONS_FOR_MARTS, "reservations");
    Preconditions.requireColumns(reservationUsageDF, SnapshotTables.RESERVATION_USAGE, "reservation_usage");
    Preconditions.requireColumns(outpostCapacityDF, SnapshotTables.OUTPOST_CAPACITY, "outpost_capacity");
    Preconditions.requireColumns(outpostInstancesDF, SnapshotTables.OUTPOST_INSTANCES, "outpost_instances");
    Preconditions.requireColumns(capacityTasksDF, SnapshotTables.CAPACITY_TASKS, "capacity_tasks");
    Preconditions.requireColumns(poolInstanceCountsDF, SnapshotTables.POOL_INSTANCE_COUNTS, "pool_instance_counts");
  }

  /** Inputs without pool instance counts (the cross-check was not switched on). */
  public SnapshotInputs(Dataset<Row> scopesDF, Dataset<Row> reservationsDF, Dataset<Row> reservationUsageDF,
      Dataset<Row> outpostCapacityDF, Dataset<Row> outpostInstancesDF, Dataset<Row> capacityTasksDF) {
    this(scopesDF, reservationsDF, reservationUsageDF, outpostCapacityDF, outpostInstancesDF, capacityTasksDF,
        scopesDF.sparkSession().createDataFrame(java.util.List.of(), SnapshotTables.POOL_INSTANCE_COUNTS));
  }

  static Dataset<Row> reservationsForMarts(Dataset<Row> reservationsDF) {
    return reservationsDF.select(Cols.of(SnapshotTables.RESERVATIONS_FOR_MARTS));
  }
}
