package dev.caplens.ingest.prices;

import java.math.BigDecimal;

/** The on-demand hourly rate a cloud's price API lists for one {@link PriceQuery}. */
public record ListPrice(String provider, PriceQuery query, BigDecimal hourlyRate, String currency) {

  /** The pricing model of every rate the price APIs give here (DESIGN.md "Prices file"). */
  public static final String ON_DEMAND = "on-demand";
}
