package dev.caplens.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caplens report}: report files for a day range from the marts. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the report files (CSV, HTML summary) for a day range from the marts.")
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--warehouse", description = "Warehouse directory or Hadoop URI (default: from --config).")
  String warehouse;

  @Option(names = "--from", required = true, description = "First UTC day, YYYY-MM-DD.")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last UTC day, YYYY-MM-DD (inclusive).")
  LocalDate to;

  @Option(names = "--out", required = true, description = "Directory to write the report files to.")
  Path out;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    Options.checkRange(from, to);
    CaplensConfig cfg = CaplensConfig.load(config);
    String location = Options.required("--warehouse", warehouse, cfg.warehouse());
    PipelineJobs.report(SparkSessions.getOrCreate("caplens report"), location, from, to, out);
    System.out.println("caplens report: " + from + " to " + to + " in " + out.toAbsolutePath());
    return ExitCodes.OK;
  }
}
