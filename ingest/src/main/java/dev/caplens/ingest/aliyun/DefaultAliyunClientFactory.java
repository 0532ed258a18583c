package dev.caplens.ingest.aliyun;

import com.aliyun.ecs20140526.Client;
import com.aliyun.teaopenapi.models.Config;
import java.net.URI;
import java.time.Duration;

/**
 * ECS clients from an AccessKey pair (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET) and an optional
 * endpoint override (CAPLENS_ALIYUN_ENDPOINT or the config's aliyun.endpoint, e.g.
 * http://127.0.0.1:8089); without one the SDK picks the region's public endpoint.
 */
public final class DefaultAliyunClientFactory implements AliyunClientFactory {

  private final String accessKeyId;
  private final String accessKeySecret;
  private final URI endpoint;
  private final Duration readTimeout;

  /** How long a reply may take to arrive before the call counts as a dropped connection and is retried. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  public DefaultAliyunClientFactory(String accessKeyId, String accessKeySecret, URI endpoint) {
    this(accessKeyId, accessKeySecret, endpoint, READ_TIMEOUT);
  }

  /** As above with another read timeout; tests shorten it. */
  public DefaultAliyunClientFactory(String accessKeyId, String accessKeySecret, URI endpoint, Duration readTimeout) {
    if (accessKeyId == null || accessKeyId.isBlank() || accessKeySecret == null || accessKeySecret.isBlank()) {
      throw new IllegalArgumentException(
          "Alibaba Cloud credentials missing: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }
    if (endpoint != null && (endpoint.getHost() == null || endpoint.getScheme() == null)) {
      throw new IllegalArgumentException("Alibaba endpoint must look like http://host:port, got '" + endpoint + "'");
    }
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.endpoint = endpoint;
    this.readTimeout = readTimeout;
  }

  @Override
  public Client ecs(String region) {
    Config config = new Config()
        .setAccessKeyId(accessKeyId)
        .setAccessKeySecret(accessKeySecret)
        .setRegionId(region)
        .setConnectTimeout(10_000)
        .setReadTimeout((int) readTimeout.toMillis());
    if (endpoint != null) {
      config.setEndpoint(endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort())
          .setProtocol(endpoint.getScheme().toUpperCase(java.util.Locale.ROOT));
    }
    try {
      return new Client(config);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the Alibaba ECS client for " + region + ": " + e.getMessage(), e);
    }
  }
}
