package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.AliyunClientFactory;
import dev.caplens.ingest.aws.AwsClientFactory;

/** Where a scheduled run's SDK clients come from: the environment in production, a loopback server in tests. */
interface CloudClients {

  AwsClientFactory aws();

  /** Alibaba clients; a usage error when no AccessKey is configured. */
  AliyunClientFactory aliyun(CaplensConfig cfg);

  /** The SDKs' standard settings: default credential chain, {@code AWS_ENDPOINT_URL*}, Alibaba's AccessKey variables. */
  static CloudClients fromEnvironment() {
    return new CloudClients() {
      @Override
      public AwsClientFactory aws() {
        return AwsSettings.clients();
      }

      @Override
      public AliyunClientFactory aliyun(CaplensConfig cfg) {
        return AliyunSettings.clients(cfg);
      }
    };
  }
}
