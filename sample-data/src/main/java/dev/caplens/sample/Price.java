package dev.caplens.sample;

import java.math.BigDecimal;

/** One row of prices.csv; platform may be "*". */
public record Price(
    String provider,
    String region,
    String instanceType,
    String platform,
    String pricingModel,
    BigDecimal hourlyRate,
    String currency) {}
