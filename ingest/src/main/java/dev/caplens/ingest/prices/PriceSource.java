package dev.caplens.ingest.prices;

import java.util.Optional;

/** A cloud's price API. */
public interface PriceSource extends AutoCloseable {

  /** {@code aws} or {@code aliyun}: the provider the prices file lists the rates under. */
  String provider();

  /**
   * The on-demand hourly rate, or empty when the API lists no price for the query.
   *
   * @throws PriceLookupException when the call fails after retries or its reply cannot be read
   */
  Optional<ListPrice> onDemandHourly(PriceQuery query);

  @Override
  default void close() {}
}
