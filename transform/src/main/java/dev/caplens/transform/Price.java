package dev.caplens.transform;

import java.math.BigDecimal;

/** One line of the prices file: the hourly rate of an instance type under a pricing model. */
public record Price(String provider, String region, String instanceType, String platform,
    String pricingModel, BigDecimal hourlyRate, String currency) {

  /** Matches any platform; an exact platform match wins over it. */
  public static final String ANY_PLATFORM = "*";

  /** What makes a price unique in a file. */
  public record Key(String provider, String region, String instanceType, String platform, String pricingModel) {
    @Override
    public String toString() {
      return String.join(",", provider, region, instanceType, platform, pricingModel);
    }
  }

  public Key key() {
    return new Key(provider, region, instanceType, platform, pricingModel);
  }
}
