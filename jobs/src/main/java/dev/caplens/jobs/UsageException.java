package dev.caplens.jobs;

/** A bad command line or config: exit code 2, one line naming the option or key. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
