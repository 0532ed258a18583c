package dev.caplens.sample.server;

import java.time.Duration;

/**
 * What the sample server does instead of answering a request: an error reply in the protocol of
 * the request, a 200 reply whose body is cut off half-way or is not the protocol's format at all
 * (which the AWS SDK does not retry) or is well-formed but no API response, a connection dropped without any reply, or the normal reply
 * sent only after {@code delay} (past a client's timeout).
 */
public record Fault(Kind kind, int httpStatus, String code, String message, Duration delay) {

  public enum Kind { ERROR_REPLY, TRUNCATED_REPLY, MALFORMED_REPLY, EMPTY_REPLY, CONNECTION_RESET, SLOW_REPLY }

  public Fault(Kind kind, int httpStatus, String code, String message) {
    this(kind, httpStatus, code, message, Duration.ZERO);
  }

  public static Fault error(int httpStatus, String code, String message) {
    return new Fault(Kind.ERROR_REPLY, httpStatus, code, message);
  }

  /** EC2 throttling: the SDK retries it with backoff. */
  public static Fault requestLimitExceeded() {
    return error(503, "RequestLimitExceeded", "Request limit exceeded.");
  }

  /** A server-side failure in any of the three protocols. */
  public static Fault internalError() {
    return error(500, "InternalError", "An internal error has occurred. Retry your request.");
  }

  /** Outposts throttling (REST-JSON). */
  public static Fault throttlingException() {
    return error(429, "ThrottlingException", "Rate exceeded");
  }

  /** Alibaba Cloud throttling: HTTP 400, which the Tea client does not retry on its own. */
  public static Fault aliyunThrottling() {
    return error(400, "Throttling", "Request was denied due to request throttling.");
  }

  public static Fault truncatedReply() {
    return new Fault(Kind.TRUNCATED_REPLY, 200, null, null);
  }

  /** A 200 whose body is a proxy's HTML page instead of XML or JSON. */
  public static Fault malformedReply() {
    return new Fault(Kind.MALFORMED_REPLY, 200, null, null);
  }

  /**
   * A 200 whose body parses (an empty XML document, {@code {}}) but holds no result and no
   * request id, as a misconfigured gateway answers: the SDKs read it as an empty page.
   */
  public static Fault emptyReply() {
    return new Fault(Kind.EMPTY_REPLY, 200, null, null);
  }

  /** The server closes the connection without sending a status line. */
  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, 0, null, null);
  }

  /** The normal reply, sent after {@code delay}. */
  public static Fault slowReply(Duration delay) {
    return new Fault(Kind.SLOW_REPLY, 200, null, null, delay);
  }
}
