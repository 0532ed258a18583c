package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Turns trusted reservation rows into observations: one per reservation and snapshot instant, each
 * with the interval of time it stands for.
 *
 * <p>Observation i covers {@code [t_i, min(t_{i+1}, next snapshot of its scope, t_i + max_carry))}.
 * Ending at the scope's next snapshot, whether or not that snapshot lists the reservation, is what
 * stops a vanished reservation from being carried forward. Ending at the reservation's next
 * observation as well keeps intervals from overlapping when a shared reservation is observed from
 * scopes with different snapshot times.
 */
final class Observations {

  /**
   * Columns: provider, reservation_id, scope_account_id, region, snapshot_time, observed_us,
   * interval_end_us, next_in_scope_us (the reservation's next observation when the same scope made it,
   * else null), owner_account_id, billing_owner_account_id, reservation_type,
   * known_reservation_type, reservation_kind, pricing_model, instance_type, platform,
   * availability_zone, state, billable, known_state, lendable, total_instance_count,
   * available_instance_count, start_us, end_us, source_reservation_id, lent_instance_count,
   * reported_used_instance_count (Alibaba UsedAmount, Outposts instances running), scope_listings
   * (how often its scope's snapshot listed it), lifetime_check and lifetime_detail (a
   * {@link DataQuality} check when start_us and end_us were left out as impossible, else null).
   */
  static Dataset<Row> of(Dataset<Row> trustedReservationsDF, Dataset<Row> scopeTimelineDF, TransformParams params) {
    // Ordered by snapshot_time (observed_us is the same instant in microseconds): the listings are
    // already in that order from the windows of onePerReservationAndInstant, so Spark does not sort
    // them again, and the joins after this by reservation and instant find them sorted.
    WindowSpec reservationInTime = Window.partitionBy("provider", "reservation_id").orderBy("snapshot_time");
    Dataset<Row> nextScopeSnapshot =
        scopeTimelineDF.select("provider", "account_id", "region", "snapshot_time", "next_snapshot_us");
    return onePerReservationAndInstant(trustedReservationsDF)
        .join(nextScopeSnapshot, Cols.using("provider", "account_id", "region", "snapshot_time"))
        .withColumn("observed_us", unix_micros(col("snapshot_time")))
        .withColumn("next_observation_us", lead(col("observed_us"), 1).over(reservationInTime))
        .withColumn("next_in_scope_us", when(lead(col("account_id"), 1).over(reservationInTime).equalTo(col("account_id"))
            .and(lead(col("region"), 1).over(reservationInTime).equalTo(col("region"))), col("next_observation_us")))
        .withColumn("interval_end_us", least(col("next_observation_us"), col("next_snapshot_us"),
            col("observed_us").plus(lit(params.maxCarryMicros()))))
        .withColumn("owner_account_id", coalesce(col("owner_account_id"), col("account_id")))
        .withColumn("reservation_kind", ReservationRules.reservationKind())
        .withColumn("billable", ReservationRules.billable(col("provider"), col("state")))
        .withColumn("lifetime_check", lifetimeCheck())
        .select(
            col("provider"),
            col("reservation_id"),
            col("account_id").as("scope_account_id"),
            col("region"),
            col("snapshot_time"),
            col("observed_us"),
            col("interval_end_us"),
            col("next_in_scope_us"),
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
            col("scope_listings"),
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

  /**
   * A shared reservation is listed by its owner's scope and by every consumer's scope that is
   * ingested. Keep one row per instant: the owner's, else the smallest account's.
   */
  private static Dataset<Row> onePerReservationAndInstant(Dataset<Row> trustedReservationsDF) {
    // Within one scope a reservation is listed once; more (pages that overlap) is reported, and
    // the listing that counts the most capacity and use is kept, so cost is never understated.
    WindowSpec listingsOfOneInstant = Window.partitionBy("provider", "reservation_id", "snapshot_time")
        .orderBy(when(col("account_id").equalTo(col("owner_account_id")), 0).otherwise(1),
            col("account_id"), col("region"), col("total_instance_count").desc_nulls_last(),
            col("available_instance_count").asc_nulls_last());
    WindowSpec listingsOfOneScope =
        Window.partitionBy("provider", "reservation_id", "snapshot_time", "account_id", "region");
    // One shuffle by reservation serves every window here and the carry-forward in of(): each
    // partitions by provider and reservation_id (and more), which would otherwise shuffle the
    // rows by its own keys, three times over.
    return trustedReservationsDF
        .repartition(col("provider"), col("reservation_id"))
        .withColumn("scope_listings", count(lit(1)).over(listingsOfOneScope))
        .withColumn("listing_rank", row_number().over(listingsOfOneInstant))
        .filter(col("listing_rank").equalTo(1))
        .drop("listing_rank");
  }

  /** Could lend its idle instances: an active ODCR without an end date. */
  private static Column lendable() {
    return col("reservation_kind").equalTo(ReservationRules.ODCR)
        .and(col("billable"))
        .and(col("end_date").isNull());
  }

  /** One observation: a reservation at a snapshot instant. */
  static final List<String> KEY = List.of("provider", "reservation_id", "snapshot_time");

  /** A start up to this far after the snapshot is taken as clock skew and kept. */
  static final long START_TOLERANCE_MICROS = 3_600_000_000L;

  private Observations() {}
}
