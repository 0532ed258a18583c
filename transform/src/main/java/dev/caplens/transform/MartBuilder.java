package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Snapshots to marts for the days of a period (DESIGN.md "What the numbers mean"). A pure function
 * of its inputs: the snapshots must reach back {@link TransformParams#lookbackDays()} days before
 * the period so that observations carried into its first day are seen; snapshots outside that
 * window are ignored. Each day's rows depend only on snapshots that can reach that day, so computing a range
 * at once gives the same rows as computing its days one by one.
 *
 * <p>The intermediate results the marts share, and the marts themselves, are computed while
 * building and kept, so each is computed once however often it is read; close the {@link Marts}
 * when done.
 */
public final class MartBuilder {

  public static Marts build(SnapshotInputs snapshots, Dataset<Row> pricesDF, DayRange period, TransformParams params) {
    requireUtcSession(snapshots.scopesDF());
    Preconditions.requireColumns(pricesDF, PriceList.SCHEMA, "prices");
    DayRange snapshotDays = period.extendedBack(params.lookbackDays());
    Column inSnapshotDays =
        col("snapshot_date").between(Date.valueOf(snapshotDays.from()), Date.valueOf(snapshotDays.to()));
    Dataset<Row> scopesDF = snapshots.scopesDF().filter(inSnapshotDays);
    Dataset<Row> listedReservationsDF =
        TrustedSnapshots.trusted(SnapshotInputs.reservationsForMarts(snapshots.reservationsDF()), scopesDF);
    Dataset<Row> trustedInstancesDF = TrustedSnapshots.trusted(snapshots.outpostInstancesDF(), scopesDF);
    Dataset<Row> trustedReservationsDF = PrivatePools.withResourceIds(listedReservationsDF)
        .unionByName(OutpostCapacity.reservations(
            TrustedSnapshots.trusted(snapshots.outpostCapacityDF(), scopesDF), trustedInstancesDF));
    Dataset<Row> trustedUsageDF = PrivatePools.usageWithResourceIds(
            TrustedSnapshots.trusted(snapshots.reservationUsageDF(), scopesDF), listedReservationsDF)
        .unionByName(OutpostCapacity.usage(trustedInstancesDF));

    LendingGroups lendingGroups = LendingGroups.of(snapshots.reservationsDF().filter(inSnapshotDays));

    List<Dataset<Row>> shared = new ArrayList<>();
    Dataset<Row> scopeTimelineDF = cached(ScopeTimeline.of(scopesDF, params), shared);
    Dataset<Row> timelinesDF = cached(Timelines.of(
        lendingGroups.withGroupIds(Listings.of(trustedReservationsDF, scopeTimelineDF)),
        lendingGroups.withGroupIds(Timelines.usage(trustedUsageDF)), period, params), shared);
    Dataset<Row> reservationDaysDF = Coverage.withUnobserved(
            ReservationDays.of(Timelines.reservationDays(timelinesDF), Coverage.scopeDays(scopeTimelineDF, period)))
        .filter(col("has_interval").or(col("unobserved_us").gt(0)));
    Dataset<Row> pricedReservationDaysDF = cached(Pricing.withRates(reservationDaysDF, pricesDF), shared);

    Dataset<Row> accountUsageDailyDF =
        cached(AccountUsageDaily.of(Timelines.accountDays(timelinesDF), pricedReservationDaysDF), shared);
    Dataset<Row> reservationDailyDF = cached(ReservationDaily.of(pricedReservationDaysDF, accountUsageDailyDF), shared);
    Dataset<Row> dataQualityDF = cached(DataQuality.of(
        Timelines.findingDays(timelinesDF),
        pricedReservationDaysDF,
        TrustedSnapshots.unpublishedFindings(snapshots.reservationsDF(), scopesDF, SnapshotTables.RESERVATIONS_TABLE, period)
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.reservationUsageDF(), scopesDF,
                SnapshotTables.RESERVATION_USAGE_TABLE, period))
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.outpostCapacityDF(), scopesDF,
                SnapshotTables.OUTPOST_CAPACITY_TABLE, period))
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.outpostInstancesDF(), scopesDF,
                SnapshotTables.OUTPOST_INSTANCES_TABLE, period))
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.capacityTasksDF(), scopesDF,
                SnapshotTables.CAPACITY_TASKS_TABLE, period))
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.poolInstanceCountsDF(), scopesDF,
                SnapshotTables.POOL_INSTANCE_COUNTS_TABLE, period))
            .unionByName(PoolInstanceCounts.findings(listedReservationsDF,
                TrustedSnapshots.trusted(snapshots.poolInstanceCountsDF(), scopesDF), period))), shared);
    Dataset<Row> capacityTasksDF =
        CapacityTasks.of(TrustedSnapshots.trusted(snapshots.capacityTasksDF(), scopesDF), period);
    Dataset<Row> reservationIntervalsDF = cached(ReservationIntervals.of(Timelines.intervals(timelinesDF)), shared);
    return new Marts(reservationDailyDF, accountUsageDailyDF, dataQualityDF, capacityTasksDF, reservationIntervalsDF,
        shared);
  }

  /**
   * Results several marts read, computed once, here, and kept in the executors' block stores. A
   * local checkpoint rather than a cache: the plans built on it start from its rows instead of
   * carrying, re-analysing, re-optimising and shipping to every task the whole plan that produced
   * them, which on a day's data cost more than the rows themselves (docs/benchmarks.md). The price:
   * an executor lost during the run fails the transform instead of recomputing; re-running it is safe.
   */
  private static Dataset<Row> cached(Dataset<Row> df, List<Dataset<Row>> shared) {
    Dataset<Row> computed = df.localCheckpoint(true, SHARED_STORAGE);
    shared.add(computed);
    return computed;
  }

  /**
   * Serialized, in memory as far as it fits and the rest on local disk, compressed when
   * {@code spark.rdd.compress} is on (the jobs' Spark sessions turn it on). Kept as objects, the
   * observations of a long range are tens of millions of rows the collector walks on every full
   * collection; serialized they are a few large buffers per partition, and at 1.3 million rows
   * reading them back cost no more CPU (docs/benchmarks.md, seventh pass).
   */
  private static final StorageLevel SHARED_STORAGE = StorageLevel.MEMORY_AND_DISK_SER();

  /** Data-quality details print instants as UTC; day boundaries are computed without a time zone. */
  private static void requireUtcSession(Dataset<Row> anyDF) {
    String zone = anyDF.sparkSession().conf().get("spark.sql.session.timeZone");
    if (!ZoneId.of(zone).normalized().equals(ZoneOffset.UTC)) {
      throw new IllegalStateException("caplens transform needs spark.sql.session.timeZone=UTC, the session has " + zone);
    }
  }

  private MartBuilder() {}
}
