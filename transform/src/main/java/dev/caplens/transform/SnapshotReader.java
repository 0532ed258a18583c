package dev.caplens.transform;

import static org.apache.spark.sql.functions.broadcast;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
    return read(spark, warehouse, snapshotDays, SnapshotTables.RESERVATIONS, published -> published);
  }

  /**
   * The inputs of one transform: of reservations only the columns the marts read (the tags and the
   * ARN, the widest strings, were a large part of decoding the files), and the rows of published
   * files kept in memory until {@link KeptInputs#close()}. Published files are many small ones (one
   * per table, scope and snapshot time), which cost more to open than to read, and several of the
   * marts' results read each table: read once, they are kept. A compacted partition is a few large
   * files, which Spark reads again faster than it builds and scans an in-memory copy
   * (docs/benchmarks.md, seventh pass), so those are not kept.
   */
  public static KeptInputs readForMarts(SparkSession spark, String warehouse, DayRange snapshotDays) {
    List<Dataset<Row>> kept = new ArrayList<>();
    SnapshotInputs inputs = read(spark, warehouse, snapshotDays, SnapshotTables.RESERVATIONS_FOR_MARTS, published -> {
      Dataset<Row> persisted = published.persist();
      kept.add(persisted);
      return persisted;
    });
    return new KeptInputs(inputs, kept);
  }

  /** A transform's inputs and the rows of them kept in memory, released by {@link #close()}. */
  public record KeptInputs(SnapshotInputs inputs, List<Dataset<Row>> kept) implements AutoCloseable {

    public KeptInputs {
      kept = List.copyOf(kept);
    }

    @Override
    public void close() {
      kept.forEach(Dataset::unpersist);
    }
  }

  private static SnapshotInputs read(SparkSession spark, String warehouse, DayRange snapshotDays,
      StructType reservationColumns, UnaryOperator<Dataset<Row>> publishedRows) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    Function<String, Dataset<Row>> table = name -> readTable(spark, paths, name, snapshotDays,
        name.equals(SnapshotTables.RESERVATIONS_TABLE) ? reservationColumns : SnapshotTables.schema(name),
        publishedRows);
    return new SnapshotInputs(
        table.apply(SnapshotTables.SCOPES_TABLE),
        table.apply(SnapshotTables.RESERVATIONS_TABLE),
        table.apply(SnapshotTables.RESERVATION_USAGE_TABLE),
        table.apply(SnapshotTables.OUTPOST_CAPACITY_TABLE),
        table.apply(SnapshotTables.OUTPOST_INSTANCES_TABLE),
        table.apply(SnapshotTables.CAPACITY_TASKS_TABLE),
        table.apply(SnapshotTables.POOL_INSTANCE_COUNTS_TABLE));
  }

  /**
   * What {@link #read} reads of one table, for another engine reading the same rows (the
   * benchmarks' DuckDB): {@link SnapshotFiles#published} holds partition directories (their
   * {@code part-*.parquet} files) and files.
   */
  public static SnapshotFiles files(Configuration hadoopConf, String warehouse, String table, DayRange snapshotDays) {
    return WarehousePaths.open(warehouse, hadoopConf).snapshotFiles(table, snapshotDays);
  }

  /** One table's rows of the days in {@code columns}, the published files' passed through {@code publishedRows}. */
  private static Dataset<Row> readTable(SparkSession spark, WarehousePaths paths, String table, DayRange days,
      StructType columns, UnaryOperator<Dataset<Row>> publishedRows) {
    StructType schema = SnapshotTables.schema(table);
    SnapshotFiles files = paths.snapshotFiles(table, days);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), columns);
    }
    Dataset<Row> published = files.published().isEmpty() ? null
        : publishedRows.apply(read(spark, schema, paths.snapshotTable(table), files.published()).select(Cols.of(columns)));
    Dataset<Row> compacted = files.compacted().isEmpty() ? null
        : withoutSuperseded(read(spark, schema, paths.compactedSnapshotTable(table), files.compacted()),
            files.superseded(), columns);
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
                                                StructType columns) {
    if (superseded.isEmpty()) {
      return compacted.select(Cols.of(columns));
    }
    List<Row> keys = superseded.stream()
        .map(s -> RowFactory.create(s.provider(), s.accountId(), s.region(), timestamp(s.snapshotTimeMicros())))
        .toList();
    Dataset<Row> keysDF = compacted.sparkSession().createDataFrame(keys, SUPERSEDED_KEY);
    return compacted.join(broadcast(keysDF), Cols.using(SUPERSEDED_KEY.fieldNames()), "left_anti")
        .select(Cols.of(columns));
  }

  private static Timestamp timestamp(long micros) {
    return Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  private SnapshotReader() {}
}
