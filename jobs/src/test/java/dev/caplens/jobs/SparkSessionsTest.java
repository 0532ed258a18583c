package dev.caplens.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The session settings caplens chooses, and that a submitter's own setting wins over them. */
class SparkSessionsTest {

  private static final String BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";

  @Test
  void readsSmallSnapshotFilesInSmallBatches() {
    assertEquals("256", SparkSessions.getOrCreate("caplens-test").conf().get(BATCH_SIZE));
  }

  @Test
  void keepsTheSubmittersBatchSize() {
    // spark-submit --conf reaches the driver as a spark.* system property, which SparkConf reads.
    System.setProperty(BATCH_SIZE, "1024");
    try {
      assertEquals("1024", SparkSessions.getOrCreate("caplens-test").conf().get(BATCH_SIZE));
    } finally {
      System.clearProperty(BATCH_SIZE);
      SparkSessions.getOrCreate("caplens-test");
    }
  }
}
