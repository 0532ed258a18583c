package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Looks up each reservation-day's hourly rate by provider, region, instance type, platform and
 * pricing model. A price for the exact platform wins over one for platform {@code *}; no match
 * leaves hourly_rate and currency null, never 0.
 */
final class Pricing {

  /** Adds hourly_rate and currency. */
  static Dataset<Row> withRates(Dataset<Row> reservationDaysDF, Dataset<Row> pricesDF) {
    Preconditions.requireColumns(pricesDF, PriceList.SCHEMA, "prices");
    Dataset<Row> exact = pricesDF.select(col("provider").as("exact_provider"), col("region").as("exact_region"),
        col("instance_type").as("exact_instance_type"), col("platform").as("exact_platform"),
        col("pricing_model").as("exact_pricing_model"), col("hourly_rate").as("exact_rate"),
        col("currency").as("exact_currency"));
    Dataset<Row> anyPlatform = pricesDF.filter(col("platform").equalTo(Price.ANY_PLATFORM))
        .select(col("provider").as("any_provider"), col("region").as("any_region"),
            col("instance_type").as("any_instance_type"), col("pricing_model").as("any_pricing_model"),
            col("hourly_rate").as("any_rate"), col("currency").as("any_currency"));
    Column exactMatch = col("provider").equalTo(col("exact_provider"))
        .and(col("region").equalTo(col("exact_region")))
        .and(col("instance_type").equalTo(col("exact_instance_type")))
        .and(col("platform").equalTo(col("exact_platform")))
        .and(col("pricing_model").equalTo(col("exact_pricing_model")));
    Column anyPlatformMatch = col("provider").equalTo(col("any_provider"))
        .and(col("region").equalTo(col("any_region")))
        .and(col("instance_type").equalTo(col("any_instance_type")))
        .and(col("pricing_model").equalTo(col("any_pricing_model")));
    Column exactFound = col("exact_rate").isNotNull();
    return reservationDaysDF
        .join(exact, exactMatch, "left")
        .join(anyPlatform, anyPlatformMatch, "left")
        .withColumn("hourly_rate", when(exactFound, col("exact_rate")).otherwise(col("any_rate")).cast(MartSchemas.RATE))
        .withColumn("currency", when(exactFound, col("exact_currency")).otherwise(col("any_currency")))
        .drop("exact_provider", "exact_region", "exact_instance_type", "exact_platform", "exact_pricing_model",
            "exact_rate", "exact_currency", "any_provider", "any_region", "any_instance_type", "any_pricing_model",
            "any_rate", "any_currency");
  }

  private Pricing() {}
}
