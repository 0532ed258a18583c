package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import java.net.URI;
import java.net.URISyntaxException;

/** Alibaba Cloud clients from the environment and the config (DESIGN.md "Command line"). */
final class AliyunSettings {

  private AliyunSettings() {}

  /** ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET; endpoint from CAPLENS_ALIYUN_ENDPOINT, else aliyun.endpoint. */
  static DefaultAliyunClientFactory clients(CaplensConfig cfg) {
    String endpoint = System.getenv("CAPLENS_ALIYUN_ENDPOINT");
    String endpointSource = "CAPLENS_ALIYUN_ENDPOINT";
    if (endpoint == null && cfg.aliyun() != null) {
      endpoint = cfg.aliyun().endpoint();
      endpointSource = "config key 'aliyun.endpoint'";
    }
    try {
      return new DefaultAliyunClientFactory(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
          System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), endpoint == null ? null : endpointUri(endpointSource, endpoint));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The account that owns the pools, as the snapshots name it: {@code aliyun.account-id}, else "default". */
  static String accountId(CaplensConfig cfg) {
    return cfg.aliyun() != null && cfg.aliyun().accountId() != null ? cfg.aliyun().accountId() : "default";
  }

  /** {@code aliyun.count-pool-instances}: also count each pool's instances to cross-check UsedAmount. */
  static boolean countPoolInstances(CaplensConfig cfg) {
    return cfg.aliyun() != null && Boolean.TRUE.equals(cfg.aliyun().countPoolInstances());
  }

  private static URI endpointUri(String source, String endpoint) {
    try {
      return new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new UsageException(source + ": '" + endpoint + "' is not a URL like http://host:port");
    }
  }
}
