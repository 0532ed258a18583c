package dev.caplens.ingest.aws;

/**
 * An AWS account to read: its id, and the role to assume in it. With no role the default
 * credentials are used as they are.
 */
public record AwsAccount(String accountId, String roleArn, String externalId) {
  public AwsAccount {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("AWS account id must be 12 digits, got '" + accountId + "'");
    }
  }

  public static AwsAccount withDefaultCredentials(String accountId) {
    return new AwsAccount(accountId, null, null);
  }
}
