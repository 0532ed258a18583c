package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.hoursOf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code data_quality} mart: every row that was skipped, repaired or could not be priced, one
 * row per reservation, day and check, with the instance-hours it affected.
 */
final class DataQuality {

  static final String UNPUBLISHED_ROWS = "unpublished-rows";
  static final String UNKNOWN_STATE = "unknown-state";
  static final String UNKNOWN_RESERVATION_TYPE = "unknown-reservation-type";
  static final String AVAILABLE_EXCEEDS_TOTAL = "available-exceeds-total";
  static final String INVALID_COUNT = "invalid-count";
  static final String BORROWED_EXCEEDS_LENT = "borrowed-exceeds-lent";
  static final String UNPAIRED_LENDING = "unpaired-lending";
  static final String UNEXPLAINED_USAGE = "unexplained-usage";
  static final String USAGE_EXCEEDS_USED = "usage-exceeds-used";
  static final String MISSING_PRICE = "missing-price";
  static final String USED_COUNT_MISMATCH = "used-count-mismatch";
  static final String POOL_INSTANCE_COUNT_MISMATCH = "pool-instance-count-mismatch";
  static final String DUPLICATE_LISTING = "duplicate-listing";
  static final String START_AFTER_END = "start-after-end";
  static final String START_AFTER_SNAPSHOT = "start-after-snapshot";

  /**
   * The mart from the findings of {@link Timelines#findingDays} (already one row per reservation,
   * day and check), the reservation-days without a price, and rows of snapshots never published.
   */
  static Dataset<Row> of(Dataset<Row> findingDaysDF, Dataset<Row> pricedReservationDaysDF,
      Dataset<Row> unpublishedFindingsDF) {
    return perReservationDay(findingDaysDF)
        .unionByName(missingPrices(pricedReservationDaysDF))
        .unionByName(unpublishedFindingsDF)
        .select(Cols.of(MartSchemas.DATA_QUALITY));
  }

  /** An instant as ISO-8601 UTC; the transform runs with the session time zone UTC. */
  static Column isoInstant(Column timestamp) {
    return date_format(timestamp, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  }

  /** The detail names how many observations found it and the first; the hours are rounded once. */
  private static Dataset<Row> perReservationDay(Dataset<Row> findingDaysDF) {
    return findingDaysDF
        .withColumn("detail", format_string("%s (%d observation(s) from %s)", col("first_detail"),
            col("observations"), isoInstant(timestamp_micros(col("first_us")))))
        .withColumn("instance_hours", hoursOf(col("ius")))
        .select(Cols.of(MartSchemas.DATA_QUALITY));
  }

  private static Dataset<Row> missingPrices(Dataset<Row> pricedReservationDaysDF) {
    return pricedReservationDaysDF
        .filter(col("hourly_rate").isNull().and(col("reserved_ius").gt(0)))
        .select(col("provider"), col("owner_account_id").as("account_id"), col("region"), col("reservation_id"),
            lit(MISSING_PRICE).as("check"),
            format_string("no %s price for %s %s %s %s in the prices file; costs left empty",
                col("pricing_model"), col("provider"), col("region"), col("instance_type"), col("platform"))
                .as("detail"),
            hoursOf(col("reserved_ius")).as("instance_hours"),
            col("date"));
  }

  private DataQuality() {}
}
