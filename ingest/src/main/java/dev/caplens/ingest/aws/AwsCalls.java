package dev.caplens.ingest.aws;

import dev.caplens.ingest.NextTokens;
import dev.caplens.ingest.ScopeReadException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs SDK calls for a scope reader one page at a time: counts pages, retries a page the SDK gave
 * up on without a service error, and turns a final failure into a {@link ScopeReadException} that
 * names the call, the error code and the status.
 *
 * <p>The SDK retries throttling, 5xx and dropped connections itself, but not a 200 whose body it
 * cannot parse (a truncated or garbled page): that page is asked for again here, with the same
 * token, a bounded number of times. Retrying page by page rather than the whole listing is what
 * keeps a retried listing from writing its earlier pages twice.
 */
final class AwsCalls {

  /** Attempts at one page after the SDK's own retries, first try included. */
  static final int PAGE_ATTEMPTS = 4;
  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofSeconds(2);

  /** What the SDK's response metadata says when the reply named no request id. */
  private static final String UNKNOWN_REQUEST = "UNKNOWN";

  private int pages;

  int pages() {
    return pages;
  }

  /** One page (or single-reply call): retried as above, counted once. */
  <T> T page(String what, Supplier<T> request) {
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf((T result, Throwable failure) -> isUnreadableReply(failure))
        .withMaxAttempts(PAGE_ATTEMPTS)
        .withBackoff(FIRST_DELAY, MAX_DELAY)
        .build();
    try {
      T reply = Failsafe.with(policy).get(() -> checkedReply(request.get()));
      pages++;
      return reply;
    } catch (FailsafeException e) {
      throw failure(what, e.getCause() == null ? e : e.getCause());
    } catch (SdkException e) {
      throw failure(what, e);
    }
  }

  /**
   * Every page of a token-paged listing, handed to {@code onPage} in order; stops on a missing or
   * empty token.
   */
  <P> void pages(String what, Function<String, P> request, Function<P, String> nextToken, Consumer<P> onPage) {
    NextTokens tokens = new NextTokens(what);
    String token = null;
    do {
      String pageToken = token;
      P page = page(what, () -> request.apply(pageToken));
      onPage.accept(page);
      token = nextToken.apply(page);
    } while (tokens.more(token));
  }

  /**
   * The SDK parses any well-formed XML as an empty page: a proxy's HTML error page with status
   * 200 would read as "no reservations". Every real reply carries a request id, so one without
   * it is treated like an unparseable reply.
   */
  private static <T> T checkedReply(T reply) {
    if (reply instanceof AwsResponse response
        && (response.responseMetadata() == null || UNKNOWN_REQUEST.equals(response.responseMetadata().requestId()))) {
      throw SdkClientException.create("the reply has no request id: not an API response");
    }
    return reply;
  }

  /** A client-side failure (no service error code): an unparseable reply, or the SDK's retries used up on I/O. */
  static boolean isUnreadableReply(Throwable failure) {
    return failure instanceof SdkClientException;
  }

  private static ScopeReadException failure(String what, Throwable e) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "unknown error" : service.awsErrorDetails().errorCode();
      String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
      return new ScopeReadException(what + " failed: " + code + " (HTTP " + service.statusCode() + "): " + message, e);
    }
    if (e instanceof RuntimeException && !(e instanceof SdkException)) {
      throw (RuntimeException) e;
    }
    return new ScopeReadException(what + " failed: " + e.getMessage(), e);
  }
}
