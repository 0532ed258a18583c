package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.hoursOf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code reservation_intervals} mart: each reservation's state over time, cut at day
 * boundaries, with consecutive identical observations collapsed into one row. An hourly ingest
 * of a reservation that does not change is 24 observations a day but one row here, which is what
 * keeps a year of history cheap to query.
 *
 * <p>Two pieces merge only when they touch (the first ends where the second starts) and agree on
 * every attribute and count; a gap (unobserved time) or any change starts a new row
 * ({@link ReservationTimeline}). Only pieces that cover time are kept, so an interval's hours are
 * exactly what reservation_daily counts for it.
 */
final class ReservationIntervals {

  /** The mart from {@link Timelines#intervals}. */
  static Dataset<Row> of(Dataset<Row> timelineIntervalsDF) {
    Column length = col("end_us").minus(col("start_us"));
    return timelineIntervalsDF
        .withColumn("interval_start", timestamp_micros(col("start_us")))
        .withColumn("interval_end", timestamp_micros(col("end_us")))
        .withColumn("hours", hoursOf(length))
        .withColumn("reserved_instance_hours", hoursOf(col("reserved_count").cast("long").multiply(length)))
        .withColumn("used_instance_hours", hoursOf(col("used_count").multiply(length)))
        .select(Arrays.stream(MartSchemas.RESERVATION_INTERVALS.fields())
            .map(field -> col(field.name()).cast(field.dataType()).as(field.name()))
            .toArray(Column[]::new));
  }

  private ReservationIntervals() {}
}
