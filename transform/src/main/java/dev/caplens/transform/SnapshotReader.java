package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the snapshot tables of a warehouse for some snapshot days, with the declared schemas
 * (a file that lacks an optional column reads it as null) and only the partitions of those days;
 * compacted partitions through their manifests ({@link CompactionManifest}).
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

  /**
   * What {@link #read} reads of one table, for another engine reading the same rows (the
   * benchmarks' DuckDB): {@link SnapshotFiles#published} holds partition directories (their
   * {@code part-*.parquet} files) and files.
   */
  public static SnapshotFiles files(Configuration hadoopConf, String warehouse, String table, DayRange snapshotDays) {
    return WarehousePaths.open(warehouse, hadoopConf).snapshotFiles(table, snapshotDays);
  }

  private static Dataset<Row> readTable(SparkSession spark, WarehousePaths paths, String table, DayRange days) {
    StructType schema = SnapshotTables.schema(table);
    SnapshotFiles files = paths.snapshotFiles(table, days);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    Dataset<Row> published = files.published().isEmpty() ? null
        : read(spark, schema, paths.snapshotTable(table), files.published());
    Dataset<Row> compacted = files.compacted().isEmpty() ? null
        : read(spark, schema, paths.compactedSnapshotTable(table), files.compacted())
            .filter(not(anyOf(files.superseded())));
    if (published == null) {
      return compacted;
    }
    return compacted == null ? published : compacted.unionByName(published);
  }

  private static Dataset<Row> read(SparkSession spark, StructType schema, Path basePath, List<Path> locations) {
    return spark.read()
        .schema(schema)
        .option("basePath", basePath.toString())
        .parquet(locations.stream().map(Path::toString).toArray(String[]::new))
        .select(Cols.of(schema));
  }

  /** Whether a row belongs to one of the scope snapshots; false for none. */
  static Column anyOf(List<SnapshotFiles.ScopeInstant> instants) {
    Column any = lit(false);
    for (SnapshotFiles.ScopeInstant instant : instants) {
      any = any.or(col("provider").equalTo(instant.provider())
          .and(col("account_id").equalTo(instant.accountId()))
          .and(col("region").equalTo(instant.region()))
          .and(col("snapshot_time").equalTo(lit(timestamp(instant.snapshotTimeMicros())))));
    }
    return any;
  }

  private static Timestamp timestamp(long micros) {
    return Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  private SnapshotReader() {}
}
