package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.hoursOf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code reservation_intervals} mart: each reservation's state over time, cut at day
 * boundaries, with consecutive identical observations collapsed into one row. An hourly ingest
 * of a reservation that does not change is 24 observations a day but one row here, which is what
 * keeps a year of history cheap to query.
 *
 * <p>Two pieces merge only when they touch (the first ends where the second starts) and agree on
 * every attribute and count in {@link #STATE}; a gap (unobserved time) or any change starts a new
 * row. Only pieces that cover time are kept, so an interval's hours are exactly what
 * reservation_daily counts for it.
 */
final class ReservationIntervals {

  /** What an interval holds constant. */
  static final List<String> STATE = List.of("owner_account_id", "billing_owner_account_id", "reservation_kind",
      "region", "availability_zone", "instance_type", "platform", "state", "billable", "total_instance_count",
      "available_instance_count", "reserved_count", "used_count", "lent_count", "borrowed_count");

  static Dataset<Row> of(Dataset<Row> observationDaysDF) {
    WindowSpec piecesInTime = Window.partitionBy("provider", "reservation_id", "day").orderBy("piece_start_us");
    WindowSpec piecesSoFar = piecesInTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column sameAsPrevious = lag(col("piece_end_us"), 1).over(piecesInTime).equalTo(col("piece_start_us"));
    for (String column : STATE) {
      sameAsPrevious = sameAsPrevious.and(lag(col(column), 1).over(piecesInTime).eqNullSafe(col(column)));
    }
    // Each interval is read off its last piece rather than grouped: the pieces are already in
    // time order for the lag above, every piece of an interval holds the same STATE, and its
    // pieces touch, so the last one ends it. (Grouping sorted every piece again and aggregated
    // fifteen first() values per interval.) Non-empty pieces of one reservation-day never start
    // at the same instant, so the order is total.
    return observationDaysDF
        .filter(col("piece_us").gt(0))
        .withColumn("piece_start_us", greatest(col("observed_us"), coalesce(col("start_us"), col("observed_us")),
            col("day_start_us")))
        .withColumn("piece_end_us", col("piece_start_us").plus(col("piece_us")))
        .withColumn("starts_interval", not(coalesce(sameAsPrevious, lit(false))))
        .withColumn("piece_number", row_number().over(piecesInTime))
        .withColumn("start_us", max(when(col("starts_interval"), col("piece_start_us"))).over(piecesSoFar))
        .withColumn("first_piece_number", max(when(col("starts_interval"), col("piece_number"))).over(piecesSoFar))
        .withColumn("ends_interval", coalesce(lead(col("starts_interval"), 1).over(piecesInTime), lit(true)))
        .filter(col("ends_interval"))
        .withColumn("end_us", col("piece_end_us"))
        .withColumn("observations", col("piece_number").minus(col("first_piece_number")).plus(1))
        .withColumn("interval_start", timestamp_micros(col("start_us")))
        .withColumn("interval_end", timestamp_micros(col("end_us")))
        .withColumn("hours", hoursOf(col("end_us").minus(col("start_us"))))
        .withColumn("reserved_instance_hours", hoursOf(col("reserved_count").cast("long")
            .multiply(col("end_us").minus(col("start_us")))))
        .withColumn("used_instance_hours", hoursOf(col("used_count").cast("long")
            .multiply(col("end_us").minus(col("start_us")))))
        .select(Arrays.stream(MartSchemas.RESERVATION_INTERVALS.fields())
            .map(field -> col(field.name()).cast(field.dataType()).as(field.name()))
            .toArray(Column[]::new));
  }

  private ReservationIntervals() {}
}
