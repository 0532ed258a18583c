package dev.caplens.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An optional table that converts every rate to one reporting currency (config {@code fx}). A rate
 * is how many units of the reporting currency one unit of the other currency is worth
 * ({@code CNY: 0.14} = 0.14 USD per CNY). Prices are converted before they are looked up, so every
 * mart and report carries the reporting currency; the converted hourly rate is rounded half-up to
 * the rate scale (8 places), the same rounding every rate in the marts has.
 */
public record FxRates(String reportingCurrency, Map<String, BigDecimal> ratesPerUnit) {

  private static final int RATE_SCALE = MartSchemas.RATE.scale();

  public FxRates {
    reportingCurrency = isoCode(reportingCurrency, "fx.reporting-currency");
    if (ratesPerUnit == null) {
      ratesPerUnit = Map.of();
    }
    Map<String, BigDecimal> checked = new TreeMap<>();
    for (Map.Entry<String, BigDecimal> rate : ratesPerUnit.entrySet()) {
      String code = isoCode(rate.getKey(), "fx.rates");
      BigDecimal value = rate.getValue();
      if (value == null || value.signum() <= 0) {
        throw new IllegalArgumentException("fx.rates." + code + " must be a positive number of "
            + reportingCurrency + " per " + code + ", was " + value);
      }
      if (code.equals(reportingCurrency) && value.compareTo(BigDecimal.ONE) != 0) {
        throw new IllegalArgumentException("fx.rates." + code + " is the reporting currency itself; its rate must be 1, was "
            + value.toPlainString());
      }
      checked.put(code, value);
    }
    ratesPerUnit = Map.copyOf(checked);
  }

  /**
   * Every price in the reporting currency. A currency without a rate is an error naming it and the
   * prices that need it: costs in two currencies must never be added up as one.
   */
  public PriceList convert(PriceList prices) {
    Map<String, List<String>> missing = new TreeMap<>();
    List<Price> converted = new ArrayList<>();
    for (Price price : prices.prices()) {
      if (price.currency().equals(reportingCurrency)) {
        converted.add(price);
        continue;
      }
      BigDecimal rate = ratesPerUnit.get(price.currency());
      if (rate == null) {
        missing.computeIfAbsent(price.currency(), c -> new ArrayList<>()).add(price.key().toString());
        continue;
      }
      converted.add(new Price(price.provider(), price.region(), price.instanceType(), price.platform(),
          price.pricingModel(), convert(price.hourlyRate(), rate), reportingCurrency));
    }
    if (!missing.isEmpty()) {
      String first = missing.keySet().iterator().next();
      throw new MissingRateException("fx: no rate for " + String.join(", ", new TreeSet<>(missing.keySet()))
          + " to " + reportingCurrency + " (needed by " + missing.get(first).size() + " " + first + " price(s), e.g. "
          + missing.get(first).get(0) + "); add fx.rates." + first);
    }
    return new PriceList(converted);
  }

  /** A price's currency has no rate in the table. */
  public static final class MissingRateException extends IllegalArgumentException {
    MissingRateException(String message) {
      super(message);
    }
  }

  /** One hourly rate in the reporting currency, rounded half-up to the rate scale. */
  static BigDecimal convert(BigDecimal hourlyRate, BigDecimal ratePerUnit) {
    return hourlyRate.multiply(ratePerUnit).setScale(RATE_SCALE, RoundingMode.HALF_UP);
  }

  private static String isoCode(String code, String key) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException(key + " is empty; expected an ISO 4217 code such as USD");
    }
    try {
      String iso = Currency.getInstance(code).getCurrencyCode();
      if (!iso.equals(code)) {
        throw new IllegalArgumentException();
      }
      return iso;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": unknown currency '" + code + "' (expected an ISO 4217 code such as USD)");
    }
  }
}
