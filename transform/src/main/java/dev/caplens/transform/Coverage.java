package dev.caplens.transform;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Unobserved time: the part of a reservation-day inside the reservation's lifetime that no
 * snapshot of its scopes covers. A scope that was snapshotted but did not list the reservation
 * counts as covered (the reservation was known not to be there); a gap longer than
 * {@code max_carry} between two snapshots does not.
 */
final class Coverage {

  /** Adds unobserved_us to reservation-day rows. */
  static Dataset<Row> withUnobserved(Dataset<Row> reservationDaysDF, Dataset<Row> scopeTimelineDF) {
    Dataset<Row> lifetimeInDay = reservationDaysDF
        .withColumn("window_start_us", greatest(col("day_start_us"), coalesce(col("start_us"), col("day_start_us"))))
        .withColumn("window_end_us", least(col("day_end_us"), coalesce(col("end_us"), col("day_end_us"))));
    return lifetimeInDay
        .join(coveredMicros(lifetimeInDay, scopeTimelineDF), Cols.using(ReservationDays.KEY), "left")
        .withColumn("unobserved_us",
            greatest(lit(0L), col("window_end_us").minus(col("window_start_us")))
                .minus(coalesce(col("covered_us"), lit(0L))))
        .drop("window_start_us", "window_end_us", "covered_us");
  }

  private static Dataset<Row> coveredMicros(Dataset<Row> lifetimeInDay, Dataset<Row> scopeTimelineDF) {
    Dataset<Row> windowPerScope = lifetimeInDay
        .filter(col("window_start_us").lt(col("window_end_us")))
        .select(col("provider"), col("reservation_id"), col("date"), col("window_start_us"), col("window_end_us"),
            explode(col("scopes")).as("scope"));
    Dataset<Row> snapshots = scopeTimelineDF.select(col("provider").as("scope_provider"),
        col("account_id"), col("region"), col("snapshot_us"), col("covered_until_us"));
    Column sameScopeOverlapping = col("provider").equalTo(col("scope_provider"))
        .and(col("scope.scope_account_id").equalTo(col("account_id")))
        .and(col("scope.scope_region").equalTo(col("region")))
        .and(col("snapshot_us").lt(col("window_end_us")))
        .and(col("covered_until_us").gt(col("window_start_us")));
    Column clipped = struct(
        greatest(col("snapshot_us"), col("window_start_us")).as("start"),
        least(col("covered_until_us"), col("window_end_us")).as("end"));
    return windowPerScope.join(snapshots, sameScopeOverlapping)
        .groupBy("provider", "reservation_id", "date", "window_start_us")
        .agg(array_sort(collect_list(clipped)).as("intervals"))
        .select(col("provider"), col("reservation_id"), col("date"),
            unionLength(col("intervals"), col("window_start_us")).as("covered_us"));
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

  private Coverage() {}
}
