package dev.caplens.transform;

/** The prices file is not valid; the message names the file, the line and the value. */
public final class PriceFileException extends IllegalArgumentException {
  public PriceFileException(String message) {
    super(message);
  }

  public PriceFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
