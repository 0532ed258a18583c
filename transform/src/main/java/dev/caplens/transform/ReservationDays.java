package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per reservation and day: the instance-microseconds of its observations' pieces, its
 * attributes as of the day's last observation (the latest one whose carry reaches the day), and
 * what the snapshots of the scopes it was observed from cover that day.
 */
final class ReservationDays {

  static final List<String> KEY = List.of("provider", "reservation_id", "date");

  /**
   * The reservation-days of {@link Timelines#reservationDays} with scope_coverage: the covered
   * intervals of the scopes it was observed from that day ({@link Coverage#scopeDays}). Two scopes
   * may cover alike; the intervals are only ever measured as a union.
   */
  static Dataset<Row> of(Dataset<Row> timelineDaysDF, Dataset<Row> scopeDaysDF) {
    Dataset<Row> coverage = scopeDaysDF.select(col("provider").as("coverage_provider"),
        col("account_id").as("coverage_account_id"), col("region").as("coverage_region"),
        col("day").as("coverage_day"), col("covered"));
    Column ownScopeThatDay = col("provider").equalTo(col("coverage_provider"))
        .and(col("scope.account_id").equalTo(col("coverage_account_id")))
        .and(col("scope.region").equalTo(col("coverage_region")))
        .and(col("day").equalTo(col("coverage_day")));
    Dataset<Row> scopeCoverage = timelineDaysDF
        .select(col("provider"), col("reservation_id"), col("date"), col("day"), explode(col("scopes")).as("scope"))
        .join(coverage, ownScopeThatDay, "left")
        .groupBy(Cols.of(KEY))
        .agg(flatten(collect_list(col("covered"))).as("scope_coverage"));
    return timelineDaysDF.drop("scopes").join(scopeCoverage, Cols.using(KEY), "left");
  }

  private ReservationDays() {}
}
