package dev.caplens.transform;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the scope snapshots cover, and so what they leave unobserved. A scope that was
 * snapshotted but did not list a reservation counts as covering it (the reservation was known not
 * to be there); a gap longer than {@code max_carry} between two snapshots of the scope does not.
 */
final class Coverage {

  /**
   * Per scope and day of the period: provider, account_id, region, day and covered, the
   * intervals {@code struct<start, end>} (epoch microseconds) its snapshots cover within the day.
   */
  static Dataset<Row> scopeDays(Dataset<Row> scopeTimelineDF, DayRange period) {
    Column firstDay = greatest(epochDay(col("snapshot_us")), lit(period.firstEpochDay()));
    Column lastDay = least(epochDay(col("covered_until_us").minus(1)), lit(period.lastEpochDay()));
    Column dayStart = col("day").multiply(lit(DayRange.DAY_MICROS));
    return scopeTimelineDF
        .filter(firstDay.leq(lastDay))
        .withColumn("day", explode(sequence(firstDay, lastDay)))
        .groupBy("provider", "account_id", "region", "day")
        .agg(collect_list(struct(
            greatest(col("snapshot_us"), dayStart).as("start"),
            least(col("covered_until_us"), dayStart.plus(lit(DayRange.DAY_MICROS))).as("end"))).as("covered"));
  }

  /** Adds unobserved_us: the part of the day within the reservation's lifetime its scopes leave uncovered. */
  static Dataset<Row> withUnobserved(Dataset<Row> reservationDaysDF) {
    Column lifetimeStart = greatest(col("day_start_us"), coalesce(col("start_us"), col("day_start_us")));
    Column lifetimeEnd = least(col("day_end_us"), coalesce(col("end_us"), col("day_end_us")));
    return reservationDaysDF.withColumn("unobserved_us", uncovered(col("scope_coverage"), lifetimeStart, lifetimeEnd));
  }

  /** Microseconds of {@code [from, until)} that none of the intervals covers. */
  static Column uncovered(Column intervals, Column from, Column until) {
    Column clipped = filter(
        transform(intervals, interval -> struct(
            greatest(interval.getField("start"), from).as("start"),
            least(interval.getField("end"), until).as("end"))),
        interval -> interval.getField("start").lt(interval.getField("end")));
    return greatest(lit(0L), until.minus(from)).minus(unionLength(array_sort(clipped), from));
  }

  /**
   * Length of the union of intervals sorted by start, none starting before {@code from}: walk
   * them keeping how far the union already reaches, and add only what lies beyond it.
   */
  static Column unionLength(Column sortedIntervals, Column from) {
    Column initial = struct(lit(0L).as("length"), from.as("reach"));
    return aggregate(sortedIntervals, initial,
        (acc, interval) -> struct(
            acc.getField("length").plus(greatest(lit(0L),
                interval.getField("end").minus(greatest(interval.getField("start"), acc.getField("reach")))))
                .as("length"),
            greatest(acc.getField("reach"), interval.getField("end")).as("reach")),
        acc -> acc.getField("length"));
  }

  /** floor(micros / day) in whole-number arithmetic ({@code Column.divide} would go through a double). */
  private static Column epochDay(Column epochMicros) {
    Column dayStart = epochMicros.minus(pmod(epochMicros, lit(DayRange.DAY_MICROS)));
    return call_function("div", dayStart, lit(DayRange.DAY_MICROS));
  }

  private Coverage() {}
}
