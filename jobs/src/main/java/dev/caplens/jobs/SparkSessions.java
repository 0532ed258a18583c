package dev.caplens.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession for a command. Under spark-submit the master and settings come from the
 * submitter; run directly ({@code ./caplens}) it is local mode on all cores, bound to loopback,
 * without the UI, sized for the small shuffles caplens does.
 */
public final class SparkSessions {

  /**
   * Snapshot files are small (one per table, scope and snapshot time, often a handful of rows), and
   * the vectorized Parquet reader allocates a batch of this many rows for every column of every
   * file it opens: at Spark's default of 4096 that allocation cost more than reading the rows
   * (docs/benchmarks.md). A submitter's own setting is kept.
   */
  private static final String READER_BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";
  private static final String SMALL_FILE_BATCH_ROWS = "256";

  /**
   * The transform keeps its shared intermediate results as local checkpoints; what does not fit in
   * memory goes to the executors' local disk, serialized, and Spark does not compress it by
   * default. Uncompressed, the checkpoints of 52 million observation rows took 68 GB of local disk
   * while the third of them was written, with 9 GB left (docs/benchmarks.md); their rows repeat
   * ids and names and compress well. A submitter's own setting is kept.
   */
  private static final String COMPRESS_CHECKPOINTS = "spark.rdd.compress";

  /**
   * The transform partitions observations by reservation once and joins them, where they are, with
   * the few rows of lending pairs and usage claims sent to the same partitions; the joins are on the
   * reservation and an instant. By default Spark shuffles both sides of a join again unless they are
   * partitioned by every join key, and so shuffled the observations, then their days, again for
   * every join and aggregation after it (docs/benchmarks.md, eighth pass). Off, a side partitioned
   * by some of the keys stays where it is; reservation ids are too many to skew. A submitter's own
   * setting is kept.
   */
  private static final String CO_PARTITION_ON_ALL_KEYS = "spark.sql.requireAllClusterKeysForCoPartition";

  /**
   * The local checkpoints are serialized rows read back by every mart built on them; Spark's
   * default Java serialization spends more on each row's framing than Kryo, which took 7 % off the
   * transform's CPU time at 1.3 million observations (docs/benchmarks.md, tenth pass). Shuffles
   * serialize rows their own way either way. A submitter's own setting is kept.
   */
  private static final String SERIALIZER = "spark.serializer";
  private static final String KRYO = "org.apache.spark.serializer.KryoSerializer";

  /**
   * Kryo remembers every object it wrote within a record, to write a repeat as a reference, and
   * clears that table after each record: each checkpointed row is one record and holds no object
   * twice, and the clearing alone was 5 % of the tasks' samples (docs/benchmarks.md, eleventh
   * pass). A submitter's own setting is kept.
   */
  private static final String KRYO_REFERENCES = "spark.kryo.referenceTracking";

  /**
   * Local mode's shuffle partitions and adaptive execution, chosen for a nightly day (below). An
   * operator's own setting (a {@code -Dspark...} in CAPLENS_JAVA_OPTS) is kept, for data of
   * another size than a day's.
   */
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    boolean submitted = conf.contains("spark.master");
    SparkSession.Builder builder = SparkSession.builder().appName(appName)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        // The marts are wide; without this Spark warns on every plan it prints.
        .config("spark.sql.debug.maxToStringFields", "500")
        .config(READER_BATCH_SIZE, conf.get(READER_BATCH_SIZE, SMALL_FILE_BATCH_ROWS))
        .config(COMPRESS_CHECKPOINTS, conf.get(COMPRESS_CHECKPOINTS, "true"))
        .config(CO_PARTITION_ON_ALL_KEYS, conf.get(CO_PARTITION_ON_ALL_KEYS, "false"))
        .config(SERIALIZER, conf.get(SERIALIZER, KRYO))
        .config(KRYO_REFERENCES, conf.get(KRYO_REFERENCES, "false"));
    if (!submitted) {
      builder.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          // Two tasks a core: every task ships its plan and costs scheduling, whatever its rows.
          .config(SHUFFLE_PARTITIONS,
              conf.get(SHUFFLE_PARTITIONS, Integer.toString(2 * Runtime.getRuntime().availableProcessors())))
          // Adaptive execution turns each of the many tiny shuffles into its own job: slower on small data.
          .config(ADAPTIVE, conf.get(ADAPTIVE, "false"))
          // Spark's own stage progress bar on stderr, only for a person watching a terminal.
          .config("spark.ui.showConsoleProgress", Boolean.toString(Progress.attachedToTerminal()));
    }
    return builder.getOrCreate();
  }
}
