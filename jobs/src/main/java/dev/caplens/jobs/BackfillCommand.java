package dev.caplens.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code caplens backfill}: recompute a day range from the snapshots already in the warehouse
 * (after a prices change or a late ingest) and rewrite the daily and monthly reports that cover
 * it. No cloud is read. The range is transformed in one Spark run: a day's marts do not depend on
 * the range it was computed in, so this gives the same rows as one run per day, faster.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Transform and report a day range again from the warehouse's snapshots, without ingesting.")
final class BackfillCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "YAML config file.")
  Path config;

  @Option(names = "--from", required = true, description = "First UTC day, YYYY-MM-DD.")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last UTC day, YYYY-MM-DD (inclusive).")
  LocalDate to;

  @Override
  public Integer call() throws IOException {
    Options.checkRange(from, to);
    CaplensConfig cfg = CaplensConfig.load(config);
    ConfigCheck.require(config, ConfigCheck.forReports(cfg));
    try (Progress progress = Progress.onTerminal()) {
      ScheduledRuns.Recomputed recomputed =
          ScheduledRuns.recompute(SparkSessions.getOrCreate("caplens backfill"), cfg, from, to, List.of(),
              progress);
      System.out.println(RunSummary.backfill(recomputed));
    }
    return ExitCodes.OK;
  }
}
