package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.stream.Stream;
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
   *
   * <p>Three parts, each joined by reservation where the observations already are: the sums, which
   * need only fixed-width buffers and so aggregate in a hash map; the attributes, read off the
   * observation the day's latest instant names; and the coverage of the day's few scopes. (One
   * aggregation of all three, with the attributes as a struct and the coverage as a set of arrays,
   * had Spark sort every observation-day, docs/benchmarks.md, eighth pass.)
   */
  static Dataset<Row> of(Dataset<Row> observationDaysDF, Dataset<Row> observationsDF, Dataset<Row> scopeDaysDF) {
    Dataset<Row> sumsDF = observationDaysDF
        .groupBy(Cols.of(DAY_KEY))
        .agg(
            sum("reserved_ius").as("reserved_ius"),
            sum("used_ius").as("used_ius"),
            sum("lent_ius").as("lent_ius"),
            sum("borrower_ius").as("borrower_ius"),
            sum("borrowed_ius").as("borrowed_ius"),
            max("piece_us").gt(0).as("has_interval"),
            max("snapshot_time").as("latest_snapshot_time"));
    Dataset<Row> latestDF = observationsDF
        .select(Cols.of(Stream.concat(Observations.KEY.stream(), LATEST_ATTRIBUTES.stream()).toList()))
        .withColumnRenamed("snapshot_time", "latest_snapshot_time");
    return sumsDF
        .join(latestDF, Cols.using("provider", "reservation_id", "latest_snapshot_time"))
        .join(scopeCoverage(observationDaysDF, scopeDaysDF), Cols.using(KEY), "left")
        .drop("latest_snapshot_time");
  }

  private static final List<String> DAY_KEY = List.of("provider", "reservation_id", "date", "day_start_us", "day_end_us");

  /**
   * Per reservation and day, what the snapshots of the scopes it was observed from cover. Two
   * scopes may cover alike; the intervals are only ever measured as a union.
   */
  private static Dataset<Row> scopeCoverage(Dataset<Row> observationDaysDF, Dataset<Row> scopeDaysDF) {
    Dataset<Row> coverage = scopeDaysDF.select(col("provider").as("coverage_provider"),
        col("account_id").as("coverage_account_id"), col("region").as("coverage_region"),
        col("day").as("coverage_day"), col("covered"));
    Column ownScopeThatDay = col("provider").equalTo(col("coverage_provider"))
        .and(col("scope_account_id").equalTo(col("coverage_account_id")))
        .and(col("region").equalTo(col("coverage_region")))
        .and(col("day").equalTo(col("coverage_day")));
    return observationDaysDF
        .select("provider", "reservation_id", "date", "day", "scope_account_id", "region")
        .distinct()
        .join(coverage, ownScopeThatDay, "left")
        .groupBy(Cols.of(KEY))
        .agg(flatten(collect_list(col("covered"))).as("scope_coverage"));
  }

  private ReservationDays() {}
}
