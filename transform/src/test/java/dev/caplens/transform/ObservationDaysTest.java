package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Which days an observation is listed on. With the default carry of 26 h every observation could
 * reach the next day, but one whose reservation is observed again by the same scope that day
 * covers nothing after it and is never the day's latest, so it is not listed there; the marts
 * built on the days are the same either way (the other tests and B1's cross-check).
 */
class ObservationDaysTest {

  // 2026-11-20T10:00Z, 11:00Z and 2026-11-21T00:00Z in epoch microseconds; 20 November is epoch day 20777.
  private static final long AT_10 = 1_795_168_800_000_000L;
  private static final long AT_11 = AT_10 + 3_600_000_000L;
  private static final long NEXT_MIDNIGHT = AT_10 + 14 * 3_600_000_000L;
  private static final long DAY_20 = 20777;
  private static final DayRange PERIOD = DayRange.of(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));

  @Test
  void anObservationFollowedBySameScopeIsNotListedPastThatDay() {
    // 10:00 is followed by 11:00 from the same scope: listed on the 20th only. 11:00 is the last:
    // listed on the 20th and, with its 26 h carry, on the 21st, where it covers nothing (its scope's
    // next snapshot ends it at 12:00) but still speaks for the reservation.
    Dataset<Row> days = ObservationDays.of(observations(
        observation(AT_10, "111111111111", AT_11, AT_11),
        observation(AT_11, "111111111111", AT_11 + 3_600_000_000L, null)), PERIOD, TransformParams.defaults());
    assertThat(listed(days)).containsExactly(AT_10 + "@" + DAY_20, AT_11 + "@" + DAY_20, AT_11 + "@" + (DAY_20 + 1));
  }

  @Test
  void anObservationFollowedByAnotherScopeIsListedOnEveryDayItsCarryReaches() {
    // The next observation came from the consumer's scope: the owner's scope still covers the 21st
    // for this reservation, so the owner's observation stays listed there.
    Dataset<Row> days = ObservationDays.of(observations(
        observation(AT_10, "111111111111", AT_11, null),
        observation(AT_11, "222222222222", AT_11 + 3_600_000_000L, null)), PERIOD, TransformParams.defaults());
    assertThat(listed(days)).containsExactly(AT_10 + "@" + DAY_20, AT_10 + "@" + (DAY_20 + 1),
        AT_11 + "@" + DAY_20, AT_11 + "@" + (DAY_20 + 1));
  }

  @Test
  void anObservationFollowedOnTheNextDayIsListedUpToThatDay() {
    // Next seen at midnight: that day the earlier observation is superseded at its first instant,
    // and listing it there as well is harmless (it covers nothing).
    Dataset<Row> days = ObservationDays.of(observations(
        observation(AT_11, "111111111111", NEXT_MIDNIGHT, NEXT_MIDNIGHT),
        observation(NEXT_MIDNIGHT, "111111111111", NEXT_MIDNIGHT + 3_600_000_000L, null)), PERIOD,
        TransformParams.defaults());
    assertThat(listed(days)).containsExactly(AT_11 + "@" + DAY_20, AT_11 + "@" + (DAY_20 + 1),
        NEXT_MIDNIGHT + "@" + (DAY_20 + 1));
  }

  /** observed_us@day of each listed piece, in time order. */
  private static List<String> listed(Dataset<Row> days) {
    return days.orderBy("observed_us", "day").collectAsList().stream()
        .map(row -> row.getAs("observed_us") + "@" + row.getAs("day"))
        .toList();
  }

  /** One observation of cr-1 (2 instances, 1 in use), as Observations and InstanceCounts leave it. */
  private static String observation(long observedUs, String scopeAccount, long intervalEndUs, Long nextInScopeUs) {
    return String.format("select 'aws' provider, 'cr-1' reservation_id,"
        + " timestamp_micros(%1$dL) snapshot_time, %1$dL observed_us, %2$dL interval_end_us,"
        + " cast(%3$s as bigint) next_in_scope_us, '%4$s' scope_account_id, 'us-east-1' region,"
        + " '111111111111' owner_account_id, '111111111111' billing_owner_account_id, 'odcr' reservation_kind,"
        + " 'use1-az1' availability_zone, 'm5.large' instance_type, 'Linux/UNIX' platform, 'active' state,"
        + " true billable, 2 total_instance_count, 1 available_instance_count, cast(null as bigint) start_us,"
        + " cast(null as bigint) end_us, 2 reserved_count, 1L used_count, 0 lent_count, 0L borrower_used_count,"
        + " 0 borrowed_count, cast(array() as array<string>) findings",
        observedUs, intervalEndUs, nextInScopeUs == null ? "null" : nextInScopeUs + "L", scopeAccount);
  }

  private static Dataset<Row> observations(String... selects) {
    return TestSpark.spark().sql(String.join(" union all ", selects));
  }
}
