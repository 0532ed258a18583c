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

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits observations into UTC days of the period. An observation is listed on every day its
 * longest possible carry {@code [t, t + max_carry)} reaches, up to the day of the reservation's
 * next observation from the same scope, so that each day knows every observation that could speak
 * for it and the scopes they came from; {@code piece_us} is how much of the day the observation
 * actually covers once its interval is cut at the next snapshot and clipped to the reservation's
 * lifetime {@code [start_date, end_date)} (often 0).
 *
 * <p>Times are epoch microseconds, so the day boundaries do not depend on the session time zone.
 */
final class ObservationDays {

  /**
   * Columns of the observation the marts read off its days: its key, instant and scope, what a
   * reservation interval holds constant, the lifetime's start its pieces are clipped to, and its
   * findings. The rest stays with the observations: the days are the transform's widest rows, and
   * every column is copied whenever one is (docs/benchmarks.md, tenth pass).
   */
  private static final List<String> OBSERVATION_COLUMNS = Stream.concat(
      Stream.of("provider", "reservation_id", "snapshot_time", "observed_us", "scope_account_id", "start_us", "findings"),
      ReservationIntervals.STATE.stream()).distinct().toList();

  /** What each day adds: its instants, the piece and the piece's instance-microseconds. */
  private static final List<String> DAY_COLUMNS = List.of("day", "date", "day_start_us", "day_end_us", "piece_us",
      "reserved_ius", "used_ius", "lent_ius", "borrower_ius", "borrowed_ius");

  /**
   * The {@link #OBSERVATION_COLUMNS} of each observation and day, with day (epoch day), date,
   * day_start_us, day_end_us, piece_us and the instance-microseconds of the piece: reserved_ius,
   * used_ius, lent_ius, borrower_ius (borrowed use of a source's capacity) and borrowed_ius (on the
   * interruptible reservation).
   */
  static Dataset<Row> of(Dataset<Row> countedObservationsDF, DayRange period, TransformParams params) {
    Column firstDay = greatest(epochDay(col("observed_us")), lit(period.firstEpochDay()));
    // Past the day of the reservation's next observation from the same scope, an observation covers
    // nothing and is never the latest; that next one, or one after it from the same scope, is
    // listed on those days instead (least() skips the null of a last observation or a change of scope).
    Column lastDay = least(epochDay(col("observed_us").plus(lit(params.maxCarryMicros() - 1))),
        epochDay(col("next_in_scope_us")), lit(period.lastEpochDay()));
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
        .select(Cols.of(Stream.concat(OBSERVATION_COLUMNS.stream(), DAY_COLUMNS.stream()).toList()));
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
