package dev.caplens.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caplens transform}: snapshots of a day range into marts. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Turn the snapshots of a day range into instance-hour and cost marts (Spark).")
final class TransformCommand implements Callable<Integer> {

  @Option(names = "--warehouse", description = "Warehouse directory or Hadoop URI (default: from --config).")
  String warehouse;

  @Option(names = "--from", required = true, description = "First UTC day, YYYY-MM-DD.")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last UTC day, YYYY-MM-DD (inclusive).")
  LocalDate to;

  @Option(names = "--prices", description = "Prices CSV (default: from --config).")
  String prices;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  @Override
  public Integer call() {
    Options.checkRange(from, to);
    CaplensConfig cfg = CaplensConfig.load(config);
    String location = Options.required("--warehouse", warehouse, cfg.warehouse());
    String priceFile = prices != null ? prices : cfg.prices();
    PipelineJobs.transform(SparkSessions.getOrCreate("caplens transform"), location, from, to, priceFile,
        cfg.maxCarryHours());
    return ExitCodes.OK;
  }
}
