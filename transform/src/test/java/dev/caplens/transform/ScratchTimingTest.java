package dev.caplens.transform;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
  @Test
  void timing() {
    var spark = TestSpark.spark();
    AtomicInteger jobs = new AtomicInteger(), stages = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override public void onJobStart(SparkListenerJobStart e) { jobs.incrementAndGet(); }
      @Override public void onStageCompleted(SparkListenerStageCompleted e) { stages.incrementAndGet(); }
    });
    String[][] confs = {
        {},
        {"spark.sql.adaptive.enabled", "false"},
        {"spark.sql.codegen.wholeStage", "false"},
        {"spark.sql.autoBroadcastJoinThreshold", "-1"},
        {"spark.sql.adaptive.enabled", "false", "spark.sql.codegen.wholeStage", "false"},
        {"spark.sql.adaptive.enabled", "false", "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN"},
    };
    for (String[] conf : confs) {
      for (int i = 0; i < conf.length; i += 2) spark.conf().set(conf[i], conf[i + 1]);
      for (int rep = 0; rep < 2; rep++) {
        Marts m = MartBuilder.build(WorkedExampleTest.workedExample().inputs(), MartRun.prices(MartRun.M5_LARGE_PRICE),
            DayRange.of(java.time.LocalDate.parse("2026-11-20"), java.time.LocalDate.parse("2026-11-20")), TransformParams.defaults());
        jobs.set(0); stages.set(0);
        long t0 = System.nanoTime();
        m.reservationDailyDF().collectAsList();
        m.accountUsageDailyDF().collectAsList();
        m.dataQualityDF().collectAsList();
        System.err.printf("%s: %d ms, jobs %d stages %d%n", String.join(" ", conf), (System.nanoTime() - t0) / 1000000, jobs.get(), stages.get());
      }
      for (int i = 0; i < conf.length; i += 2) spark.conf().unset(conf[i]);
    }
  }
}
