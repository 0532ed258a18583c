package dev.caplens.ingest.prices;

/** A price could not be looked up or its reply could not be read; the message names the query and the call. */
public final class PriceLookupException extends RuntimeException {
  public PriceLookupException(String message) {
    super(message);
  }

  public PriceLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
