package dev.caplens.ingest.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.outposts.OutpostsClient;

/** Builds SDK clients for one account and region; tests and the demo point them at a loopback server. */
public interface AwsClientFactory {
  Ec2Client ec2(AwsAccount account, String region);

  OutpostsClient outposts(AwsAccount account, String region);

  /** The account the default credentials belong to (STS GetCallerIdentity). */
  String defaultAccountId();
}
