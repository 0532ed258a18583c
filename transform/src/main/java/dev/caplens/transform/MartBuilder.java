package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Snapshots to marts for the days of a period (DESIGN.md "What the numbers mean"). A pure function
 * of its inputs: the snapshots must reach back {@link TransformParams#lookbackDays()} days before
 * the period so that observations carried into its first day are seen; snapshots outside that
 * window are ignored. Each day's rows depend only on snapshots that can reach that day, so computing a range
 * at once gives the same rows as computing its days one by one.
 */
public final class MartBuilder {

  public static Marts build(SnapshotInputs snapshots, Dataset<Row> pricesDF, DayRange period, TransformParams params) {
    requireUtcSession(snapshots.scopesDF());
    Preconditions.requireColumns(pricesDF, PriceList.SCHEMA, "prices");
    DayRange snapshotDays = period.extendedBack(params.lookbackDays());
    Dataset<Row> scopesDF = snapshots.scopesDF()
        .filter(col("snapshot_date").between(Date.valueOf(snapshotDays.from()), Date.valueOf(snapshotDays.to())));
    Dataset<Row> trustedReservationsDF = TrustedSnapshots.trusted(snapshots.reservationsDF(), scopesDF);
    Dataset<Row> trustedUsageDF = TrustedSnapshots.trusted(snapshots.reservationUsageDF(), scopesDF);
    Dataset<Row> scopeTimelineDF = ScopeTimeline.of(scopesDF, params);

    Dataset<Row> observationsDF = InstanceCounts.of(Observations.of(trustedReservationsDF, scopeTimelineDF, params));
    Dataset<Row> observationDaysDF = ObservationDays.of(observationsDF, period, params);
    Dataset<Row> reservationDaysDF = Coverage.withUnobserved(ReservationDays.of(observationDaysDF), scopeTimelineDF)
        .filter(col("has_interval").or(col("unobserved_us").gt(0)));
    Dataset<Row> pricedReservationDaysDF = Pricing.withRates(reservationDaysDF, pricesDF);

    Dataset<Row> accountUsageDailyDF = AccountUsageDaily.of(
        AccountSplit.accountDays(observationDaysDF, observationsDF, trustedUsageDF), pricedReservationDaysDF);
    Dataset<Row> reservationDailyDF = ReservationDaily.of(pricedReservationDaysDF, accountUsageDailyDF);
    Dataset<Row> dataQualityDF = DataQuality.of(
        observationDaysDF,
        AccountSplit.findings(observationDaysDF, observationsDF, trustedUsageDF),
        pricedReservationDaysDF,
        TrustedSnapshots.unpublishedFindings(snapshots.reservationsDF(), scopesDF, SnapshotTables.RESERVATIONS_TABLE, period)
            .unionByName(TrustedSnapshots.unpublishedFindings(snapshots.reservationUsageDF(), scopesDF,
                SnapshotTables.RESERVATION_USAGE_TABLE, period)));
    return new Marts(reservationDailyDF, accountUsageDailyDF, dataQualityDF);
  }

  /** Data-quality details print instants as UTC; day boundaries are computed without a time zone. */
  private static void requireUtcSession(Dataset<Row> anyDF) {
    String zone = anyDF.sparkSession().conf().get("spark.sql.session.timeZone");
    if (!ZoneId.of(zone).normalized().equals(ZoneOffset.UTC)) {
      throw new IllegalStateException("caplens transform needs spark.sql.session.timeZone=UTC, the session has " + zone);
    }
  }

  private MartBuilder() {}
}
