package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.AliyunClientFactory;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsClientFactory;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.SampleCloudServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Scheduled runs against the sample server: its SDK clients and a config reading every source it serves. */
final class SampleClouds {

  private SampleClouds() {}

  /** EC2, Outposts and STS through the demo account, Alibaba through its AccessKey; all at the server. */
  static CloudClients of(SampleCloudServer server) {
    SampleOrganisation org = server.organisation();
    var account = org.demoAccount();
    AwsClientFactory aws = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
        server.endpoint(), server.endpoint(), server.endpoint());
    AliyunClientFactory aliyun = new DefaultAliyunClientFactory(org.aliyunAccount().accessKeyId(),
        org.aliyunAccount().accessKeySecret(), server.endpoint());
    return new CloudClients() {
      @Override
      public AwsClientFactory aws() {
        return aws;
      }

      @Override
      public AliyunClientFactory aliyun(CaplensConfig cfg) {
        return aliyun;
      }
    };
  }

  /** A config file in {@code dir} for every sample source, with the sample prices and the given late days. */
  static Path writeConfig(SampleCloudServer server, Path dir, int lateDays) throws IOException {
    SampleOrganisation org = server.organisation();
    return Files.writeString(dir.resolve("caplens.yaml"), """
        warehouse: %s
        reports: %s
        prices: %s
        aws:
          regions: [us-east-1, eu-west-1]
          outposts: true
        aliyun:
          regions: [cn-hangzhou]
          account-id: "%s"
          count-pool-instances: true
        transform:
          late-days: %d
        """.formatted(dir.resolve("warehouse"), dir.resolve("reports"), org.writePrices(dir.resolve("prices.csv")),
        org.aliyunAccount().id(), lateDays));
  }

  /** Ingests every source at each of the given sample snapshot times; fails on any unreadable scope. */
  static void ingest(SampleCloudServer server, CaplensConfig cfg, List<Instant> times) {
    CloudClients clients = of(server);
    try (Progress quiet = Progress.onTerminal()) {
      for (Instant t : times) {
        server.useSnapshot(t);
        List<String> failed = ScheduledRuns.ingestAll(cfg, clients, t, quiet).failedSources();
        if (!failed.isEmpty()) {
          throw new IllegalStateException("sample ingest at " + t + " failed: " + failed);
        }
      }
    }
  }
}
