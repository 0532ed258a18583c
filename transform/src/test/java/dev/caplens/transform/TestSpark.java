package dev.caplens.transform;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM: local, two cores, loopback, no UI, UTC. */
final class TestSpark {

  private static final SparkSession SESSION = SparkSession.builder()
      .appName("caplens-transform-tests")
      .master("local[2]")
      .config("spark.ui.enabled", "false")
      .config("spark.driver.host", "127.0.0.1")
      .config("spark.driver.bindAddress", "127.0.0.1")
      .config("spark.sql.shuffle.partitions", "2")
      .config("spark.default.parallelism", "2")
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
      // Adaptive execution turns each of the many tiny shuffles into its own job: 3x slower here.
      .config("spark.sql.adaptive.enabled", "false")
      // As the jobs' sessions (SparkSessions): joins keep the observations' partitioning by reservation.
      .config("spark.sql.requireAllClusterKeysForCoPartition", "false")
      .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
      .getOrCreate();

  static SparkSession spark() {
    return SESSION;
  }

  private TestSpark() {}
}
