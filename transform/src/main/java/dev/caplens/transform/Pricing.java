package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Looks up each reservation-day's hourly rate by provider, region, instance type, platform and
 * pricing model. A price for the exact platform wins over one for platform {@code *}; no match
 * leaves hourly_rate and currency null, never 0.
 *
 * <p>Outposts rows keep provider {@code outposts} in the marts, but their {@code outpost} rates are
 * AWS prices: the prices file lists them under provider {@code aws} (as {@code caplens prices}
 * writes it). A row spelled {@code outposts} is accepted too and wins over an {@code aws} one.
 */
final class Pricing {

  static final String OUTPOST_PRICE_PROVIDER = "aws";

  /** Adds hourly_rate and currency. */
  static Dataset<Row> withRates(Dataset<Row> reservationDaysDF, Dataset<Row> pricesDF) {
    Preconditions.requireColumns(pricesDF, PriceList.SCHEMA, "prices");
    Dataset<Row> ratesDF = outpostRatesAsAws(pricesDF);
    Dataset<Row> exact = ratesDF.select(col("provider").as("exact_provider"), col("region").as("exact_region"),
        col("instance_type").as("exact_instance_type"), col("platform").as("exact_platform"),
        col("pricing_model").as("exact_pricing_model"), col("hourly_rate").as("exact_rate"),
        col("currency").as("exact_currency"));
    Dataset<Row> anyPlatform = ratesDF.filter(col("platform").equalTo(Price.ANY_PLATFORM))
        .select(col("provider").as("any_provider"), col("region").as("any_region"),
            col("instance_type").as("any_instance_type"), col("pricing_model").as("any_pricing_model"),
            col("hourly_rate").as("any_rate"), col("currency").as("any_currency"));
    Column priceProvider = when(col("provider").equalTo(OutpostCapacity.PROVIDER), lit(OUTPOST_PRICE_PROVIDER))
        .otherwise(col("provider"));
    Column exactMatch = priceProvider.equalTo(col("exact_provider"))
        .and(col("region").equalTo(col("exact_region")))
        .and(col("instance_type").equalTo(col("exact_instance_type")))
        .and(col("platform").equalTo(col("exact_platform")))
        .and(col("pricing_model").equalTo(col("exact_pricing_model")));
    Column anyPlatformMatch = priceProvider.equalTo(col("any_provider"))
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

  /** Outposts prices under provider {@code aws}, one per key: a row spelled {@code outposts} first. */
  private static Dataset<Row> outpostRatesAsAws(Dataset<Row> pricesDF) {
    Column spelledOutposts = col("provider").equalTo(OutpostCapacity.PROVIDER);
    WindowSpec samePrice = Window.partitionBy("provider", "region", "instance_type", "platform", "pricing_model")
        .orderBy(col("spelled_outposts").desc());
    return pricesDF
        .withColumn("spelled_outposts", spelledOutposts)
        .withColumn("provider", when(spelledOutposts, lit(OUTPOST_PRICE_PROVIDER)).otherwise(col("provider")))
        .withColumn("price_rank", row_number().over(samePrice))
        .filter(col("price_rank").equalTo(1))
        .select(Cols.of(PriceList.SCHEMA));
  }

  private Pricing() {}
}
