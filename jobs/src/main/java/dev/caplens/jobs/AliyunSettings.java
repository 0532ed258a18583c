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

  private static URI endpointUri(String source, String endpoint) {
    try {
      return new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new UsageException(source + ": '" + endpoint + "' is not a URL like http://host:port");
    }
  }
}
