package dev.caplens.sample.server;

/** An error reply; each protocol renders it in its own format. */
final class ApiError extends RuntimeException {

  private final int httpStatus;
  private final String code;

  ApiError(int httpStatus, String code, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }
}
