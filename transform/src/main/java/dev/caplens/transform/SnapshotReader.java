package dev.caplens.transform;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the snapshot tables of a warehouse for some snapshot days, with the declared schemas
 * (a file that lacks an optional column reads it as null) and only the partitions of those days.
 */
public final class SnapshotReader {

  public static SnapshotInputs read(SparkSession spark, String warehouse, DayRange snapshotDays) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    return new SnapshotInputs(
        readTable(spark, paths, SnapshotTables.SCOPES_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.RESERVATIONS_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.RESERVATION_USAGE_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.OUTPOST_CAPACITY_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.OUTPOST_INSTANCES_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.CAPACITY_TASKS_TABLE, snapshotDays),
        readTable(spark, paths, SnapshotTables.POOL_INSTANCE_COUNTS_TABLE, snapshotDays));
  }

  private static Dataset<Row> readTable(SparkSession spark, WarehousePaths paths, String table, DayRange days) {
    StructType schema = SnapshotTables.schema(table);
    List<Path> partitions = paths.snapshotPartitions(table, days);
    if (partitions.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read()
        .schema(schema)
        .option("basePath", paths.snapshotTable(table).toString())
        .parquet(partitions.stream().map(Path::toString).toArray(String[]::new))
        .select(Cols.of(schema));
  }

  private SnapshotReader() {}
}
