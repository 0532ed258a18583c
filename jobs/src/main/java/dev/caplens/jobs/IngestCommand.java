package dev.caplens.jobs;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.AwsClientFactory;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caplens ingest}: read the cloud APIs into a snapshot at one instant. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read capacity reservations from a cloud API into a Parquet snapshot.")
final class IngestCommand implements Callable<Integer> {

  enum Provider { aws, outposts, aliyun }

  @Option(names = "--warehouse", description = "Warehouse directory (default: 'warehouse' from --config).")
  String warehouse;

  @Option(names = "--provider", required = true, description = "Cloud to read: ${COMPLETION-CANDIDATES}.")
  Provider provider;

  @Option(names = "--regions", split = ",", description = "Regions to read, comma-separated (default: from --config).")
  List<String> regions;

  @Option(names = "--snapshot-time", description = "The instant the observation is recorded for, ISO-8601 (default: now).")
  Instant snapshotTime;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  @Override
  public Integer call() {
    CaplensConfig cfg = CaplensConfig.load(config);
    String location = Options.required("--warehouse", warehouse, cfg.warehouse());
    Instant at = snapshotTime != null ? snapshotTime : Instant.now();
    if (provider == Provider.aliyun) {
      RunManifest manifest;
      try (Progress progress = Progress.onTerminal()) {
        manifest = ingestAliyun(cfg, location, at, progress);
      }
      return Summaries.printIngest(manifest);
    }
    List<String> readRegions = regions != null ? regions : cfg.awsRegions();
    if (readRegions.isEmpty()) {
      throw new UsageException("no regions to read: pass --regions or set aws.regions in the config");
    }
    DefaultAwsClientFactory clients = AwsSettings.clients();
    List<AwsAccount> accounts = accounts(cfg, clients);
    RunManifest manifest;
    try (Progress progress = Progress.onTerminal()) {
      manifest = AwsIngestJob.run(Warehouse.open(location), clients,
          provider == Provider.outposts ? AwsIngestJob.Source.OUTPOSTS : AwsIngestJob.Source.EC2, accounts,
          readRegions, at, progress);
    }
    return Summaries.printIngest(manifest);
  }

  private RunManifest ingestAliyun(CaplensConfig cfg, String location, Instant at, Progress progress) {
    List<String> readRegions = regions != null ? regions : cfg.aliyunRegions();
    if (readRegions.isEmpty()) {
      throw new UsageException("no regions to read: pass --regions or set aliyun.regions in the config");
    }
    DefaultAliyunClientFactory clients = AliyunSettings.clients(cfg);
    return AliyunIngestJob.run(Warehouse.open(location), clients, AliyunRetry.perMinuteQuota(Clock.systemUTC()),
        AliyunSettings.accountId(cfg), readRegions, AliyunSettings.countPoolInstances(cfg), at, progress);
  }

  static List<AwsAccount> accounts(CaplensConfig cfg, AwsClientFactory clients) {
    if (cfg.awsAccounts().isEmpty()) {
      return List.of(AwsAccount.withDefaultCredentials(clients.defaultAccountId()));
    }
    return cfg.awsAccounts().stream().map(a -> {
      try {
        return new AwsAccount(a.id(), a.roleArn(), a.externalId());
      } catch (IllegalArgumentException e) {
        throw new UsageException("config key 'aws.accounts': " + e.getMessage());
      }
    }).toList();
  }
}
