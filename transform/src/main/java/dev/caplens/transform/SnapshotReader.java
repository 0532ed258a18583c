package dev.caplens.transform;

import static org.apache.spark.sql.functions.broadcast;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the snapshot tables of a warehouse for some snapshot days, with the declared schemas
 * (a file that lacks an optional column reads it as null) and only the partitions of those days;
 * compacted partitions through their manifests ({@link CompactionManifest}).
 */
public final class SnapshotReader {

  /** The columns that name a scope snapshot within a table. */
  private static final StructType SUPERSEDED_KEY = new StructType()
      .add("provider", DataTypes.StringType, false)
      .add("account_id", DataTypes.StringType, false)
      .add("region", DataTypes.StringType, false)
      .add("snapshot_time", DataTypes.TimestampType, false);

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
        : withoutSuperseded(read(spark, schema, paths.compactedSnapshotTable(table), files.compacted()),
            files.superseded(), schema);
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

  /** The compacted rows less those of the scope snapshots published again since (a broadcast anti-join). */
  private static Dataset<Row> withoutSuperseded(Dataset<Row> compacted, List<SnapshotFiles.ScopeInstant> superseded,
                                                StructType schema) {
    if (superseded.isEmpty()) {
      return compacted;
    }
    List<Row> keys = superseded.stream()
        .map(s -> RowFactory.create(s.provider(), s.accountId(), s.region(), timestamp(s.snapshotTimeMicros())))
        .toList();
    Dataset<Row> keysDF = compacted.sparkSession().createDataFrame(keys, SUPERSEDED_KEY);
    return compacted.join(broadcast(keysDF), Cols.using(SUPERSEDED_KEY.fieldNames()), "left_anti")
        .select(Cols.of(schema));
  }

  private static Timestamp timestamp(long micros) {
    return Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  private SnapshotReader() {}
}
