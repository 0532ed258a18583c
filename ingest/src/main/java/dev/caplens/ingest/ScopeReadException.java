package dev.caplens.ingest;

/** A scope could not be read completely; the message names the API call and the cause. */
public final class ScopeReadException extends RuntimeException {
  public ScopeReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
