package dev.caplens.transform;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits observations into UTC days of the period. An observation is listed on every day its
 * longest possible carry {@code [t, t + max_carry)} reaches, so that each day knows every
 * observation that could speak for it; {@code piece_us} is how much of the day the observation
 * actually covers once its interval is cut at the next snapshot and clipped to the reservation's
 * lifetime {@code [start_date, end_date)} (often 0).
 *
 * <p>Times are epoch microseconds, so the day boundaries do not depend on the session time zone.
 */
final class ObservationDays {

  /**
   * Adds day (epoch day), date, day_start_us, day_end_us, piece_us and the instance-microseconds
   * of the piece: reserved_ius, used_ius, lent_ius, borrower_ius (borrowed use of a source's
   * capacity) and borrowed_ius (on the interruptible reservation).
   */
  static Dataset<Row> of(Dataset<Row> countedObservationsDF, DayRange period, TransformParams params) {
    Column firstDay = greatest(epochDay(col("observed_us")), lit(period.firstEpochDay()));
    Column lastDay = least(epochDay(col("observed_us").plus(lit(params.maxCarryMicros() - 1))),
        lit(period.lastEpochDay()));
    Column coveredFrom = greatest(col("observed_us"), coalesce(col("start_us"), col("observed_us")));
    Column coveredUntil = least(col("interval_end_us"), coalesce(col("end_us"), col("interval_end_us")));
    return countedObservationsDF
        .withColumn("first_day", firstDay)
        .withColumn("last_day", lastDay)
        .filter(col("first_day").leq(col("last_day")))
        .withColumn("day", explode(sequence(col("first_day"), col("last_day"))))
        .withColumn("date", date_from_unix_date(col("day").cast("int")))
        .withColumn("day_start_us", col("day").multiply(lit(DayRange.DAY_MICROS)))
        .withColumn("day_end_us", col("day_start_us").plus(lit(DayRange.DAY_MICROS)))
        .withColumn("piece_us", greatest(lit(0L),
            least(coveredUntil, col("day_end_us")).minus(greatest(coveredFrom, col("day_start_us")))))
        .withColumn("reserved_ius", instanceMicros("reserved_count"))
        .withColumn("used_ius", instanceMicros("used_count"))
        .withColumn("lent_ius", instanceMicros("lent_count"))
        .withColumn("borrower_ius", instanceMicros("borrower_used_count"))
        .withColumn("borrowed_ius", instanceMicros("borrowed_count"))
        .drop("first_day", "last_day");
  }

  /** floor(micros / day) in whole-number arithmetic ({@code Column.divide} would go through a double). */
  static Column epochDay(Column epochMicros) {
    Column dayStart = epochMicros.minus(pmod(epochMicros, lit(DayRange.DAY_MICROS)));
    return call_function("div", dayStart, lit(DayRange.DAY_MICROS));
  }

  private static Column instanceMicros(String countColumn) {
    return col(countColumn).cast("long").multiply(col("piece_us"));
  }

  private ObservationDays() {}
}
