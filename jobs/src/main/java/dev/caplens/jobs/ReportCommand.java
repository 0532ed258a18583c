package dev.caplens.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code caplens report}: report files for a day range from the marts. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the report files (CSV, HTML summary) for a day range from the marts.")
final class ReportCommand implements Callable<Integer> {

  @Mixin
  PeriodOptions period;

  @Option(names = "--out", required = true, description = "Directory to write the report files to.")
  Path out;

  @Override
  public Integer call() throws Exception {
    CaplensConfig cfg = period.resolve();
    PipelineJobs.report(SparkSessions.getOrCreate("caplens report"), period.warehouse(cfg), period.from, period.to,
        out);
    System.out.println("caplens report: " + period.from + " to " + period.to + " in " + out.toAbsolutePath());
    return ExitCodes.OK;
  }
}
