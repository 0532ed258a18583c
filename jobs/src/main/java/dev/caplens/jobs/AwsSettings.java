package dev.caplens.jobs;

import dev.caplens.ingest.aws.DefaultAwsClientFactory;

/** AWS clients from the SDK's standard settings (DESIGN.md "Command line"). */
final class AwsSettings {

  /** The SDK's own variable for attempts per call, first try included. */
  static final String MAX_ATTEMPTS_VARIABLE = "AWS_MAX_ATTEMPTS";

  private AwsSettings() {}

  /** The default credentials chain and endpoints; attempts per call from AWS_MAX_ATTEMPTS, else 10. */
  static DefaultAwsClientFactory clients() {
    return DefaultAwsClientFactory.fromEnvironment(maxAttempts(System.getenv(MAX_ATTEMPTS_VARIABLE)));
  }

  static int maxAttempts(String value) {
    if (value == null || value.isBlank()) {
      return DefaultAwsClientFactory.MAX_ATTEMPTS;
    }
    try {
      int attempts = Integer.parseInt(value.trim());
      if (attempts >= 1 && attempts <= 100) {
        return attempts;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(MAX_ATTEMPTS_VARIABLE + " must be a whole number from 1 to 100, got '" + value + "'");
  }
}
