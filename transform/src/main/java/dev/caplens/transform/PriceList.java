package dev.caplens.transform;

import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The validated prices, and the same as a Spark table for the pricing join. */
public record PriceList(List<Price> prices) {

  public static final StructType SCHEMA = new StructType(new StructField[] {
      new StructField("provider", StringType, false, Metadata.empty()),
      new StructField("region", StringType, false, Metadata.empty()),
      new StructField("instance_type", StringType, false, Metadata.empty()),
      new StructField("platform", StringType, false, Metadata.empty()),
      new StructField("pricing_model", StringType, false, Metadata.empty()),
      new StructField("hourly_rate", MartSchemas.RATE, false, Metadata.empty()),
      new StructField("currency", StringType, false, Metadata.empty())});

  public PriceList {
    prices = List.copyOf(prices);
  }

  /** No prices at all: every reservation is listed as missing a price, costs stay empty. */
  public static PriceList empty() {
    return new PriceList(List.of());
  }

  public Dataset<Row> toDataFrame(SparkSession spark) {
    List<Row> rows = prices.stream()
        .map(p -> RowFactory.create(p.provider(), p.region(), p.instanceType(), p.platform(),
            p.pricingModel(), p.hourlyRate(), p.currency()))
        .toList();
    return spark.createDataFrame(rows, SCHEMA);
  }
}
