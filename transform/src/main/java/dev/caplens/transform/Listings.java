package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns trusted reservation rows into listings: every row a scope snapshot listed, with what the
 * marts read off it on its own (its instant, its scope's next snapshot, the reservation's kind,
 * billable state, pricing model and lifetime). Nothing here looks at another listing: which
 * listing of an instant counts and the interval each stands for are worked out per lending group
 * in {@link ReservationTimeline}, over the group's listings in time order.
 */
final class Listings {

  /**
   * One row per listing, in the columns (and the order) {@link Listing#of} reads, followed by
   * group_id ({@link LendingGroups}).
   */
  static Dataset<Row> of(Dataset<Row> trustedReservationsDF, Dataset<Row> scopeTimelineDF) {
    Dataset<Row> nextScopeSnapshot =
        scopeTimelineDF.select("provider", "account_id", "region", "snapshot_time", "next_snapshot_us");
    return trustedReservationsDF
        .join(nextScopeSnapshot, Cols.using("provider", "account_id", "region", "snapshot_time"))
        .withColumn("owners_listing", coalesce(col("account_id").equalTo(col("owner_account_id")), lit(false)))
        .withColumn("owner_account_id", coalesce(col("owner_account_id"), col("account_id")))
        .withColumn("reservation_kind", ReservationRules.reservationKind())
        .withColumn("billable", ReservationRules.billable(col("provider"), col("state")))
        .withColumn("lifetime_check", lifetimeCheck())
        .select(
            col("provider"),
            col("reservation_id"),
            col("account_id").as("scope_account_id"),
            col("region"),
            unix_micros(col("snapshot_time")).as("observed_us"),
            col("next_snapshot_us"),
            col("owners_listing"),
            col("owner_account_id"),
            coalesce(col("billing_owner_account_id"), col("owner_account_id")).as("billing_owner_account_id"),
            col("reservation_type"),
            ReservationRules.knownReservationType().as("known_reservation_type"),
            col("reservation_kind"),
            ReservationRules.pricingModel(col("reservation_kind")).as("pricing_model"),
            col("instance_type"),
            col("platform"),
            col("availability_zone"),
            col("state"),
            col("billable"),
            ReservationRules.knownState(col("provider"), col("state")).as("known_state"),
            lendable().as("lendable"),
            col("total_instance_count"),
            col("available_instance_count"),
            when(col("lifetime_check").isNull(), unix_micros(col("start_date"))).as("start_us"),
            when(coalesce(col("lifetime_check"), lit("")).notEqual(DataQuality.START_AFTER_END),
                unix_micros(col("end_date"))).as("end_us"),
            col("source_reservation_id"),
            col("lent_instance_count"),
            col("reported_used_instance_count"),
            col("lifetime_check"),
            lifetimeDetail().as("lifetime_detail"));
  }

  /**
   * Dates that cannot be the reservation's lifetime: clipping to them would count a billable
   * reservation as nothing. A start after the end drops both dates; a start more than
   * {@link #START_TOLERANCE_MICROS} after a snapshot that saw a billable state drops the start.
   * Either way the observation counts as its state says, and the check is reported.
   */
  private static Column lifetimeCheck() {
    Column startAfterEnd = col("start_date").gt(col("end_date"));
    Column startAfterSnapshot = col("billable")
        .and(unix_micros(col("start_date")).gt(unix_micros(col("snapshot_time")).plus(lit(START_TOLERANCE_MICROS))));
    return when(startAfterEnd, lit(DataQuality.START_AFTER_END))
        .when(startAfterSnapshot, lit(DataQuality.START_AFTER_SNAPSHOT));
  }

  private static Column lifetimeDetail() {
    return when(col("lifetime_check").equalTo(DataQuality.START_AFTER_END),
            format_string("start_date %s is after end_date %s; both ignored, counted as state '%s' says",
                DataQuality.isoInstant(col("start_date")), DataQuality.isoInstant(col("end_date")), col("state")))
        .when(col("lifetime_check").equalTo(DataQuality.START_AFTER_SNAPSHOT),
            format_string("start_date %s is after the snapshot at %s that saw state '%s'; start ignored",
                DataQuality.isoInstant(col("start_date")), DataQuality.isoInstant(col("snapshot_time")), col("state")));
  }

  /** Could lend its idle instances: an active ODCR without an end date. */
  private static Column lendable() {
    return col("reservation_kind").equalTo(ReservationRules.ODCR)
        .and(col("billable"))
        .and(col("end_date").isNull());
  }

  /** A start up to this far after the snapshot is taken as clock skew and kept. */
  static final long START_TOLERANCE_MICROS = 3_600_000_000L;

  private Listings() {}
}
