package dev.caplens.sample.server;

/**
 * What the sample server does instead of answering a request: an error reply in the protocol of
 * the request, or a 200 reply whose body is cut off half-way (which the AWS SDK does not retry).
 */
public record Fault(Kind kind, int httpStatus, String code, String message) {

  public enum Kind { ERROR_REPLY, TRUNCATED_REPLY }

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
}
