package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.prices.AliyunPriceSource;
import dev.caplens.ingest.prices.AwsPriceListSource;
import dev.caplens.ingest.prices.PriceSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caplens prices}: the on-demand rows of the prices file from the cloud's price API. */
@Command(name = "prices", mixinStandardHelpOptions = true,
    description = {
        "Write the on-demand rates of the instance types in the warehouse's snapshots into a prices file.",
        "aws: EC2 ODCRs and interruptible reservations, from the AWS Price List Query API (GetProducts: "
            + "shared tenancy, license included, no pre-installed software, capacitystatus Used). "
            + "Outposts and Capacity Blocks are not in the Price List's on-demand offer: keep their "
            + "'outpost' and 'capacity-block' rows in the file by hand.",
        "aliyun: ECS private pools, from DescribePrice (pay-as-you-go, per hour, the instance without its system disk).",
        "A fetched rate replaces the row with the same key; every other row of an existing FILE is kept. "
            + "FILE is replaced atomically. Exit 3 when some instance type got no rate (stderr names it)."})
final class PricesCommand implements Callable<Integer> {

  enum Provider { aws, aliyun }

  @Option(names = "--provider", required = true, description = "Price API to read: ${COMPLETION-CANDIDATES}.")
  Provider provider;

  @Option(names = "--regions", split = ",", description = "Regions to price, comma-separated (default: from --config).")
  List<String> regions;

  @Option(names = "--out", required = true, description = "Prices CSV to write (merged into when it exists).")
  Path out;

  @Option(names = "--warehouse", description = "Warehouse whose snapshots name the instance types (default: from --config).")
  String warehouse;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    CaplensConfig cfg = CaplensConfig.load(config);
    String location = Options.required("--warehouse", warehouse, cfg.warehouse());
    List<String> priced = regions != null ? regions : provider == Provider.aws ? cfg.awsRegions() : cfg.aliyunRegions();
    if (priced.isEmpty()) {
      throw new UsageException("no regions to price: pass --regions or set " + provider + ".regions in the config");
    }
    PricesJob.Outcome outcome;
    try (PriceSource source = source(cfg)) {
      outcome = PricesJob.run(SparkSessions.getOrCreate("caplens prices"), location, source, priced, out,
          System.err::println);
    }
    PricesJob.Merge merge = outcome.merge();
    System.out.printf("prices %s: %d on-demand rates written to %s (%d new, %d changed, %d unchanged; %d other rows kept)%n",
        provider, outcome.found().size(), out, merge.added(), merge.changed(), merge.unchanged(), merge.kept());
    outcome.notListed().forEach(q -> System.err.println("caplens: no " + provider + " on-demand price listed for " + q
        + "; add it to the prices file by hand or its costs stay empty"));
    outcome.failures().forEach(f -> System.err.println("caplens: " + f));
    return outcome.complete() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private PriceSource source(CaplensConfig cfg) {
    return switch (provider) {
      case aws -> AwsPriceListSource.fromEnvironment();
      case aliyun -> new AliyunPriceSource(AliyunSettings.clients(cfg), AliyunRetry.perMinuteQuota(Clock.systemUTC()));
    };
  }
}
