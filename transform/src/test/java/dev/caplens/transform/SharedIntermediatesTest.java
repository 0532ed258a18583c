package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** How {@link MartBuilder} keeps the results the marts share, and that {@link Marts#close()} lets them go. */
class SharedIntermediatesTest {

  @Test
  void sharedResultsAreKeptSerializedInMemoryAndOnDiskUntilTheMartsAreClosed() {
    List<RDD<?>> kept;
    try (Marts marts = MartRun.build(WorkedExampleTest.workedExample(), "2026-11-20", "2026-11-20",
        TransformParams.defaults(), M5_LARGE_PRICE)) {
      kept = marts.sharedIntermediates().stream().map(SharedIntermediatesTest::checkpointedRdd).toList();

      assertThat(kept).isNotEmpty().allSatisfy(rdd -> {
        StorageLevel level = rdd.getStorageLevel();
        assertThat(level.useMemory()).as("%s in memory", rdd).isTrue();
        assertThat(level.useDisk()).as("%s on disk past memory", rdd).isTrue();
        assertThat(level.deserialized()).as("%s kept as objects", rdd).isFalse();
        assertThat(TestSpark.spark().sparkContext().getPersistentRDDs().contains(rdd.id())).isTrue();
      });
      // Read back from the serialized blocks: the worked example's 240 reserved instance-hours.
      assertThat(marts.reservationDailyDF().first().<java.math.BigDecimal>getAs("reserved_instance_hours"))
          .isEqualByComparingTo("240");
    }
    assertThat(kept).allSatisfy(rdd ->
        assertThat(TestSpark.spark().sparkContext().getPersistentRDDs().contains(rdd.id())).as("%s released", rdd).isFalse());
  }

  private static RDD<?> checkpointedRdd(Dataset<Row> shared) {
    assertThat(shared.queryExecution().logical()).isInstanceOf(LogicalRDD.class);
    return ((LogicalRDD) shared.queryExecution().logical()).rdd();
  }
}
