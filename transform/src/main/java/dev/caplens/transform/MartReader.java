package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a mart's day partitions for a period, in the mart's declared schema. */
public final class MartReader {

  public static Dataset<Row> read(SparkSession spark, String warehouse, MartTable table, LocalDate from, LocalDate to) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    return read(spark, paths, MartVersions.read(paths), table, from, to);
  }

  /** The committed version of each day (docs/warehouse.md "Marts"), never a half-written one. */
  private static Dataset<Row> read(SparkSession spark, WarehousePaths paths, MartVersions versions, MartTable table,
      LocalDate from, LocalDate to) {
    DayRange period = DayRange.of(from, to);
    List<Path> partitions = paths.martPartitions(table, period, versions);
    if (partitions.isEmpty()) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read()
        .schema(table.schema())
        .option("basePath", paths.mart(table).toString())
        .parquet(partitions.stream().map(Path::toString).toArray(String[]::new))
        .filter(col(MartTable.PARTITION_COLUMN).between(Date.valueOf(from), Date.valueOf(to)))
        .select(Cols.of(table.schema()));
  }

  /** The same, by directory name: {@code reservation_daily}, {@code account_usage_daily}, {@code data_quality}, {@code capacity_tasks}, {@code reservation_intervals}. */
  public static Dataset<Row> read(SparkSession spark, String warehouse, String table, LocalDate from, LocalDate to) {
    return read(spark, warehouse, MartTable.named(table), from, to);
  }

  /** All the marts for a period. */
  public static Marts readAll(SparkSession spark, String warehouse, LocalDate from, LocalDate to) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    // One look at the versions for all marts, so they all come from the same transform runs.
    MartVersions versions = MartVersions.read(paths);
    return Marts.of(
        read(spark, paths, versions, MartTable.RESERVATION_DAILY, from, to),
        read(spark, paths, versions, MartTable.ACCOUNT_USAGE_DAILY, from, to),
        read(spark, paths, versions, MartTable.DATA_QUALITY, from, to),
        read(spark, paths, versions, MartTable.CAPACITY_TASKS, from, to),
        read(spark, paths, versions, MartTable.RESERVATION_INTERVALS, from, to));
  }

  private MartReader() {}
}
