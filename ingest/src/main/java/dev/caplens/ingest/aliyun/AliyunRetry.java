package dev.caplens.ingest.aliyun;

import com.aliyun.tea.TeaException;
import com.aliyun.teautil.models.TeaUtilException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Bounded retries for ECS calls. Alibaba's API quotas are per minute, so a throttled call waits
 * into the next minute instead of hammering the same exhausted quota; a 5xx or a dropped
 * connection waits briefly. The Tea client does not retry {@code Throttling} itself.
 */
public final class AliyunRetry {

  public static final int MAX_ATTEMPTS = 5;
  static final Duration MINUTE_MARGIN = Duration.ofSeconds(1);
  static final Duration TRANSIENT_DELAY = Duration.ofSeconds(2);

  private final Function<Throwable, Duration> delay;

  private AliyunRetry(Function<Throwable, Duration> delay) {
    this.delay = delay;
  }

  /** Production: throttled calls wait until just past the next minute boundary. */
  public static AliyunRetry perMinuteQuota(Clock clock) {
    return new AliyunRetry(failure -> isThrottling(failure)
        ? untilNextMinute(clock.instant()) : TRANSIENT_DELAY);
  }

  /** Tests: the same retry decisions with a fixed, short delay. */
  public static AliyunRetry withDelay(Duration fixed) {
    return new AliyunRetry(failure -> fixed);
  }

  /** Time to wait from {@code now} until a moment past the start of the next minute. */
  static Duration untilNextMinute(Instant now) {
    Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    return Duration.between(now, nextMinute).plus(MINUTE_MARGIN);
  }

  static boolean isThrottling(Throwable failure) {
    return failure instanceof TeaException tea && tea.getCode() != null && tea.getCode().startsWith("Throttling");
  }

  /**
   * The Tea client reads any JSON object as a reply: {@code {}} from a proxy or a half-configured
   * gateway would be an empty page. Every real reply carries a RequestId, so one without it is
   * unreadable, retried like a reply that is not JSON at all.
   */
  public static <T> T requireRequestId(T body, java.util.function.Function<T, String> requestId) {
    if (body == null || requestId.apply(body) == null || requestId.apply(body).isBlank()) {
      throw new UnreadableReplyException("the reply has no RequestId: not an API response");
    }
    return body;
  }

  /** A 200 reply that parsed but is not an API response. */
  public static final class UnreadableReplyException extends RuntimeException {
    UnreadableReplyException(String message) {
      super(message);
    }
  }

  static boolean isRetryable(Throwable failure) {
    if (isThrottling(failure) || failure instanceof UnreadableReplyException) {
      return true;
    }
    if (failure instanceof TeaException tea) {
      Integer status = tea.getStatusCode();
      return status != null && status >= 500 || "ServiceUnavailable".equals(tea.getCode());
    }
    // Tea wraps what went wrong in TeaUnretryableException (it has no retries of its own here):
    // a dropped connection or a timeout is an IOException inside, a reply that is not JSON a TeaUtilException.
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof java.io.IOException || cause instanceof com.aliyun.tea.TeaRetryableException
          || cause instanceof TeaUtilException) {
        return true;
      }
    }
    return false;
  }

  public <T> T call(CheckedSupplier<T> call) throws Exception {
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf((T result, Throwable failure) -> failure != null && isRetryable(failure))
        .withMaxAttempts(MAX_ATTEMPTS)
        .withDelayFn(ctx -> delay.apply(ctx.getLastException()))
        .build();
    try {
      return Failsafe.with(policy).get(call);
    } catch (FailsafeException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
