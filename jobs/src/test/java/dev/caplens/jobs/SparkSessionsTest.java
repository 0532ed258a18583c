package dev.caplens.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The session settings caplens chooses, and that a submitter's own setting wins over them. */
class SparkSessionsTest {

  private static final String BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String CO_PARTITION = "spark.sql.requireAllClusterKeysForCoPartition";

  @Test
  void readsSmallSnapshotFilesInSmallBatches() {
    assertEquals("256", SparkSessions.getOrCreate("caplens-test").conf().get(BATCH_SIZE));
  }

  @Test
  void keepsTheSubmittersBatchSize() {
    assertEquals("1024", withSubmitterSetting(BATCH_SIZE, "1024"));
  }

  @Test
  void shufflesLocallyIntoTwoPartitionsACore() {
    String expected = Integer.toString(2 * Runtime.getRuntime().availableProcessors());
    assertEquals(expected, SparkSessions.getOrCreate("caplens-test").conf().get(SHUFFLE_PARTITIONS));
  }

  @Test
  void keepsTheOperatorsShufflePartitions() {
    // CAPLENS_JAVA_OPTS=-Dspark.sql.shuffle.partitions=64, for a local backfill.
    assertEquals("64", withSubmitterSetting(SHUFFLE_PARTITIONS, "64"));
  }

  @Test
  void compressesCheckpointsWrittenToLocalDisk() {
    assertEquals("true", SparkSessions.getOrCreate("caplens-test").sparkContext().conf().get("spark.rdd.compress"));
  }

  @Test
  void serializesCheckpointsWithKryo() {
    assertEquals("org.apache.spark.serializer.KryoSerializer",
        SparkSessions.getOrCreate("caplens-test").sparkContext().conf().get("spark.serializer"));
  }

  @Test
  void kryoDoesNotTrackReferencesWithinARow() {
    assertEquals("false",
        SparkSessions.getOrCreate("caplens-test").sparkContext().conf().get("spark.kryo.referenceTracking"));
  }

  @Test
  void joinsKeepASidePartitionedBySomeOfTheirKeys() {
    // The transform's joins by reservation and instant leave the observations where they are.
    assertEquals("false", SparkSessions.getOrCreate("caplens-test").conf().get(CO_PARTITION));
  }

  @Test
  void keepsTheSubmittersCoPartitionSetting() {
    assertEquals("true", withSubmitterSetting(CO_PARTITION, "true"));
  }

  /**
   * The session's value of a setting the submitter gave: spark-submit --conf (and a -D in
   * CAPLENS_JAVA_OPTS) reaches the driver as a spark.* system property, which SparkConf reads.
   * The session is put back to caplens's own settings afterwards.
   */
  private static String withSubmitterSetting(String key, String value) {
    System.setProperty(key, value);
    try {
      return SparkSessions.getOrCreate("caplens-test").conf().get(key);
    } finally {
      System.clearProperty(key);
      SparkSessions.getOrCreate("caplens-test");
    }
  }
}
