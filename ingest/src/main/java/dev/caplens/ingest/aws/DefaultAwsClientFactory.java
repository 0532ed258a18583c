package dev.caplens.ingest.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.outposts.OutpostsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Production clients: the SDK's standard settings (AWS_ENDPOINT_URL_EC2, the default credentials
 * chain), adaptive retries with a bounded number of attempts, and a role assumed per account when
 * the config names one.
 */
public final class DefaultAwsClientFactory implements AwsClientFactory {

  /** Attempts per call, first try included: RequestLimitExceeded backs off rather than failing. */
  public static final int MAX_ATTEMPTS = 10;
  /** How long a reply may take to arrive. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final AwsCredentialsProvider baseCredentials;
  private final URI ec2Endpoint;
  private final URI outpostsEndpoint;
  private final URI stsEndpoint;
  private final SdkHttpClient http;
  private final int maxAttempts;
  private final Duration attemptTimeout;

  /**
   * @param ec2Endpoint  null to use the SDK's own settings; the demo passes its loopback server
   * @param outpostsEndpoint  likewise for Outposts
   * @param stsEndpoint  likewise for STS
   */
  public DefaultAwsClientFactory(AwsCredentialsProvider baseCredentials, URI ec2Endpoint, URI outpostsEndpoint,
                                 URI stsEndpoint) {
    this(baseCredentials, ec2Endpoint, outpostsEndpoint, stsEndpoint, MAX_ATTEMPTS);
  }

  /** As above, with the attempts per call bounded at {@code maxAttempts} (first try included). */
  public DefaultAwsClientFactory(AwsCredentialsProvider baseCredentials, URI ec2Endpoint, URI outpostsEndpoint,
                                 URI stsEndpoint, int maxAttempts) {
    this(baseCredentials, ec2Endpoint, outpostsEndpoint, stsEndpoint, maxAttempts, READ_TIMEOUT);
  }

  /**
   * As above, with a reply that has not arrived {@code readTimeout} after the request retried like
   * a dropped connection; tests shorten it.
   */
  public DefaultAwsClientFactory(AwsCredentialsProvider baseCredentials, URI ec2Endpoint, URI outpostsEndpoint,
                                 URI stsEndpoint, int maxAttempts, Duration readTimeout) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
    }
    this.maxAttempts = maxAttempts;
    // The socket's own timeouts fire first, as an IOException the SDK retries: the attempt timeout
    // aborts the URL connection from another thread, which surfaces as a bare NullPointerException.
    this.attemptTimeout = readTimeout.multipliedBy(2).plus(CONNECT_TIMEOUT);
    this.baseCredentials = baseCredentials;
    this.ec2Endpoint = ec2Endpoint;
    this.outpostsEndpoint = outpostsEndpoint;
    this.stsEndpoint = stsEndpoint;
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(readTimeout)
        .build();
  }

  /** The SDK's default credentials chain and endpoints, {@code maxAttempts} per call. */
  public static DefaultAwsClientFactory fromEnvironment(int maxAttempts) {
    return new DefaultAwsClientFactory(DefaultCredentialsProvider.builder().build(), null, null, null, maxAttempts);
  }

  @Override
  public Ec2Client ec2(AwsAccount account, String region) {
    var builder = Ec2Client.builder()
        .region(Region.of(region))
        .httpClient(http)
        .credentialsProvider(credentials(account, region))
        .overrideConfiguration(retrying());
    if (ec2Endpoint != null) {
      builder.endpointOverride(ec2Endpoint);
    }
    return builder.build();
  }

  @Override
  public OutpostsClient outposts(AwsAccount account, String region) {
    var builder = OutpostsClient.builder()
        .region(Region.of(region))
        .httpClient(http)
        .credentialsProvider(credentials(account, region))
        .overrideConfiguration(retrying());
    if (outpostsEndpoint != null) {
      builder.endpointOverride(outpostsEndpoint);
    }
    return builder.build();
  }

  @Override
  public String defaultAccountId() {
    try (StsClient sts = sts(Region.US_EAST_1.id(), baseCredentials)) {
      return sts.getCallerIdentity().account();
    }
  }

  private AwsCredentialsProvider credentials(AwsAccount account, String region) {
    if (account.roleArn() == null) {
      return baseCredentials;
    }
    StsClient sts = sts(region, baseCredentials);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(account.roleArn())
            .roleSessionName("caplens-" + account.accountId())
            .externalId(account.externalId()))
        .build();
  }

  private StsClient sts(String region, AwsCredentialsProvider credentials) {
    var builder = StsClient.builder()
        .region(Region.of(region))
        .httpClient(http)
        .credentialsProvider(credentials)
        .overrideConfiguration(retrying());
    if (stsEndpoint != null) {
      builder.endpointOverride(stsEndpoint);
    }
    return builder.build();
  }

  private ClientOverrideConfiguration retrying() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
        .apiCallAttemptTimeout(attemptTimeout)
        .build();
  }
}
