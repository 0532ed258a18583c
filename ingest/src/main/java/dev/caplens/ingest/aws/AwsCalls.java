package dev.caplens.ingest.aws;

import dev.caplens.ingest.ScopeReadException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs SDK calls for a scope reader: counts pages, and turns an SDK failure (after the SDK's own
 * retries) into a {@link ScopeReadException} that names the call, the error code and the status.
 */
final class AwsCalls {

  private int pages;

  int pages() {
    return pages;
  }

  /** One page read is one call made: the SDK's retries are not counted. */
  void countPage() {
    pages++;
  }

  void call(String what, Runnable body) {
    try {
      body.run();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "unknown error" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw new ScopeReadException(what + " failed: " + code + " (HTTP " + e.statusCode() + "): " + message, e);
    } catch (SdkException e) {
      throw new ScopeReadException(what + " failed: " + e.getMessage(), e);
    }
  }
}
