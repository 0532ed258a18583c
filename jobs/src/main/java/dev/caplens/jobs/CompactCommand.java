package dev.caplens.jobs;

import dev.caplens.transform.SnapshotCompactor;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code caplens compact}: one file per snapshot table and partition for closed days
 * (docs/warehouse.md "Compaction"). Transform and report read the same rows before and after.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Compact the snapshot files of closed UTC days into one file per table and partition.")
final class CompactCommand implements Callable<Integer> {

  @Mixin
  PeriodOptions period;

  @Override
  public Integer call() {
    CaplensConfig cfg = period.resolve();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (!period.to.isBefore(today)) {
      throw new UsageException("--to " + period.to + " has not ended yet (today is " + today
          + " UTC): compact only closed days, whose snapshots are all in");
    }
    try (Progress progress = Progress.onTerminal()) {
      SnapshotCompactor.Result result = PipelineJobs.compact(SparkSessions.getOrCreate("caplens compact"),
          period.warehouse(cfg), period.from, period.to, progress);
      System.out.println(RunSummary.compaction("caplens compact", period.from, period.to, result));
    }
    return ExitCodes.OK;
  }
}
