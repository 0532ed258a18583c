package dev.caplens.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code caplens transform}: snapshots of a day range into marts. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Turn the snapshots of a day range into instance-hour and cost marts (Spark).")
final class TransformCommand implements Callable<Integer> {

  @Mixin
  PeriodOptions period;

  @Option(names = "--prices", description = "Prices CSV (default: from --config).")
  String prices;

  @Override
  public Integer call() {
    CaplensConfig cfg = period.resolve();
    String priceFile = prices != null ? prices : cfg.prices();
    if (priceFile != null && !priceFile.contains("://") && !Files.isReadable(Path.of(priceFile))) {
      throw new UsageException("prices file " + priceFile + " cannot be read (--prices or config key 'prices')");
    }
    PipelineJobs.transform(SparkSessions.getOrCreate("caplens transform"), period.warehouse(cfg), period.from,
        period.to, priceFile, cfg.transformParams());
    return ExitCodes.OK;
  }
}
