package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import java.net.URI;

/** Alibaba Cloud clients from the environment and the config (DESIGN.md "Command line"). */
final class AliyunSettings {

  private AliyunSettings() {}

  /** ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET; endpoint from CAPLENS_ALIYUN_ENDPOINT, else aliyun.endpoint. */
  static DefaultAliyunClientFactory clients(CaplensConfig cfg) {
    String endpoint = System.getenv("CAPLENS_ALIYUN_ENDPOINT");
    if (endpoint == null && cfg.aliyun() != null) {
      endpoint = cfg.aliyun().endpoint();
    }
    try {
      return new DefaultAliyunClientFactory(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
          System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), endpoint == null ? null : URI.create(endpoint));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
