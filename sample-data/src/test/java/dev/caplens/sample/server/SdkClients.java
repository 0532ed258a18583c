package dev.caplens.sample.server;

import dev.caplens.sample.AwsAccount;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.outposts.OutpostsClient;

/** Real SDK clients pointed at a sample server, signing as one of the sample accounts. */
final class SdkClients {

  private SdkClients() {}

  static Ec2Client ec2(SampleCloudServer server, AwsAccount account, String region) {
    return ec2Builder(server, account, region).build();
  }

  /** An EC2 client that surfaces the first error instead of retrying it. */
  static Ec2Client ec2WithoutRetries(SampleCloudServer server, AwsAccount account, String region) {
    return ec2Builder(server, account, region)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static OutpostsClient outposts(SampleCloudServer server, AwsAccount account, String region) {
    return OutpostsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials(account))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static Ec2ClientBuilder ec2Builder(SampleCloudServer server, AwsAccount account, String region) {
    return Ec2Client.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials(account))
        .httpClient(UrlConnectionHttpClient.create());
  }

  private static StaticCredentialsProvider credentials(AwsAccount account) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
  }
}
