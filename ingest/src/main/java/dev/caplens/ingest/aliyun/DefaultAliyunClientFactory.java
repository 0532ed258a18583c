package dev.caplens.ingest.aliyun;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import com.aliyun.ecs20140526.Client;
import com.aliyun.teaopenapi.models.Config;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * ECS clients from an AccessKey pair (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET), optionally through a
 * RAM role assumed with it, and an optional endpoint override (CAPLENS_ALIYUN_ENDPOINT or the
 * config's aliyun.endpoint, e.g. http://127.0.0.1:8089) that serves STS too; without one the SDK
 * picks the region's public ECS endpoint and STS is {@code sts.aliyuncs.com}.
 */
public final class DefaultAliyunClientFactory implements AliyunClientFactory {

  /** How long a reply may take to arrive before the call counts as a dropped connection and is retried. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final String accessKeyId;
  private final String accessKeySecret;
  private final URI endpoint;
  private final Duration readTimeout;
  private final Supplier<CredentialModel> credentials;

  public DefaultAliyunClientFactory(String accessKeyId, String accessKeySecret, URI endpoint) {
    this(accessKeyId, accessKeySecret, endpoint, READ_TIMEOUT);
  }

  /** As above with another read timeout; tests shorten it. */
  public DefaultAliyunClientFactory(String accessKeyId, String accessKeySecret, URI endpoint, Duration readTimeout) {
    this(accessKeyId, accessKeySecret, endpoint, readTimeout, null);
  }

  private DefaultAliyunClientFactory(String accessKeyId, String accessKeySecret, URI endpoint, Duration readTimeout,
      Supplier<CredentialModel> credentials) {
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
    this.credentials = credentials != null ? credentials : () -> CredentialModel.builder().type("access_key")
        .accessKeyId(accessKeyId).accessKeySecret(accessKeySecret).build();
  }

  /**
   * The same clients reading as the RAM role {@code roleArn}: one AssumeRole per session, shared
   * by every region, renewed before it expires.
   *
   * @throws IllegalArgumentException when the role ARN or session name is not one STS accepts
   */
  public DefaultAliyunClientFactory assumingRole(String roleArn, String sessionName, AliyunRetry retry, Clock clock) {
    Config sts = baseConfig().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret);
    if (endpoint == null) {
      sts.setEndpoint(RamRoleSession.DEFAULT_STS_ENDPOINT);
    }
    RamRoleSession session = new RamRoleSession(sts, roleArn, sessionName, retry, clock);
    return new DefaultAliyunClientFactory(accessKeyId, accessKeySecret, endpoint, readTimeout, session::credentials);
  }

  @Override
  public Client ecs(String region) {
    Config config = baseConfig().setRegionId(region).setCredential(new com.aliyun.credentials.Client(oneSession()));
    try {
      return new Client(config);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the Alibaba ECS client for " + region + ": " + e.getMessage(), e);
    }
  }

  /**
   * Credentials fetched on the client's first call and kept for its life (one scope): the SDK reads
   * key id, secret and token one by one, so a session renewed in between by another scope must not
   * mix two sessions in one signature. A session has at least {@link RamRoleSession#RENEW_BEFORE} left
   * when a scope takes it. A failed AssumeRole fails the scope's first call, naming the role.
   */
  private AlibabaCloudCredentialsProvider oneSession() {
    return new AlibabaCloudCredentialsProvider() {
      private CredentialModel taken;

      @Override
      public synchronized CredentialModel getCredentials() {
        if (taken == null) {
          taken = credentials.get();
        }
        return taken;
      }
    };
  }

  private Config baseConfig() {
    Config config = new Config()
        .setConnectTimeout(10_000)
        .setReadTimeout((int) readTimeout.toMillis());
    if (endpoint != null) {
      config.setEndpoint(endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort())
          .setProtocol(endpoint.getScheme().toUpperCase(Locale.ROOT));
    }
    return config;
  }
}
