package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

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

  /** Attributes taken from the day's last observation. */
  private static final List<String> LATEST_ATTRIBUTES = List.of(
      "owner_account_id", "billing_owner_account_id", "reservation_kind", "region", "availability_zone",
      "instance_type", "platform", "state", "lendable", "pricing_model", "start_us", "end_us");

  /**
   * Columns: provider, reservation_id, date, day_start_us, day_end_us, the summed reserved_ius,
   * used_ius, lent_ius, borrower_ius, borrowed_ius, has_interval (some observation covers part of
   * the day), scope_coverage (the covered intervals of its scopes that day) and the latest
   * attributes.
   */
  static Dataset<Row> of(Dataset<Row> observationDaysDF, Dataset<Row> scopeDaysDF) {
    Dataset<Row> coverage = scopeDaysDF.select(col("provider").as("coverage_provider"),
        col("account_id").as("coverage_account_id"), col("region").as("coverage_region"),
        col("day").as("coverage_day"), col("covered"));
    Column ownScopeThatDay = col("provider").equalTo(col("coverage_provider"))
        .and(col("scope_account_id").equalTo(col("coverage_account_id")))
        .and(col("region").equalTo(col("coverage_region")))
        .and(col("day").equalTo(col("coverage_day")));
    Column latest = max_by(struct(Cols.of(LATEST_ATTRIBUTES)), col("observed_us"));
    return observationDaysDF
        .join(coverage, ownScopeThatDay, "left")
        .groupBy("provider", "reservation_id", "date", "day_start_us", "day_end_us")
        .agg(
            sum("reserved_ius").as("reserved_ius"),
            sum("used_ius").as("used_ius"),
            sum("lent_ius").as("lent_ius"),
            sum("borrower_ius").as("borrower_ius"),
            sum("borrowed_ius").as("borrowed_ius"),
            max("piece_us").gt(0).as("has_interval"),
            flatten(collect_set(col("covered"))).as("scope_coverage"),
            latest.as("latest"))
        .select(col("*"), col("latest.*"))
        .drop("latest");
  }

  private ReservationDays() {}
}
