package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which days an observation is listed on ({@link ReservationTimeline#pieces}). With the default
 * carry of 26 h every observation could reach the next day, but one whose reservation is observed
 * again by the same scope that day covers nothing after it and is never the day's latest, so it is
 * not listed there; the marts built on the days are the same either way (the other tests and B1's
 * cross-check).
 */
class ObservationDaysTest {

  // 2026-11-20T10:00Z, 11:00Z and 2026-11-21T00:00Z in epoch microseconds; 20 November is epoch day 20777.
  private static final long HOUR = 3_600_000_000L;
  private static final long AT_10 = 1_795_168_800_000_000L;
  private static final long AT_11 = AT_10 + HOUR;
  private static final long NEXT_MIDNIGHT = AT_10 + 14 * HOUR;
  private static final long DAY_20 = 20777;

  @Test
  void anObservationFollowedBySameScopeIsNotListedPastThatDay() {
    // 10:00 is followed by 11:00 from the same scope: listed on the 20th only. 11:00 is the last:
    // listed on the 20th and, with its 26 h carry, on the 21st, where it covers nothing (its scope's
    // next snapshot ends it at 12:00) but still speaks for the reservation.
    assertThat(listed(listing(AT_10, "111111111111", AT_11), listing(AT_11, "111111111111", AT_11 + HOUR)))
        .containsExactly(AT_10 + "@" + DAY_20 + " 1h", AT_11 + "@" + DAY_20 + " 1h", AT_11 + "@" + (DAY_20 + 1) + " 0h");
  }

  @Test
  void anObservationFollowedByAnotherScopeIsListedOnEveryDayItsCarryReaches() {
    // The next observation came from the consumer's scope: the owner's scope still covers the 21st
    // for this reservation, so the owner's observation stays listed there (covering nothing: the
    // reservation's next observation ends it at 11:00).
    assertThat(listed(listing(AT_10, "111111111111", AT_11), listing(AT_11, "222222222222", AT_11 + HOUR)))
        .containsExactly(AT_10 + "@" + DAY_20 + " 1h", AT_10 + "@" + (DAY_20 + 1) + " 0h",
            AT_11 + "@" + DAY_20 + " 1h", AT_11 + "@" + (DAY_20 + 1) + " 0h");
  }

  @Test
  void anObservationFollowedOnTheNextDayIsListedUpToThatDay() {
    // Next seen at midnight: that day the earlier observation is superseded at its first instant,
    // and listing it there as well is harmless (it covers nothing). 11:00 covers 13 h to midnight.
    assertThat(listed(listing(AT_11, "111111111111", NEXT_MIDNIGHT),
            listing(NEXT_MIDNIGHT, "111111111111", NEXT_MIDNIGHT + HOUR)))
        .containsExactly(AT_11 + "@" + DAY_20 + " 13h", AT_11 + "@" + (DAY_20 + 1) + " 0h",
            NEXT_MIDNIGHT + "@" + (DAY_20 + 1) + " 1h");
  }

  /** observed_us@day and the hours covered of each listed piece, in time order, over the 20th and 21st. */
  private static List<String> listed(Listing... listings) {
    ReservationTimeline timeline =
        ReservationTimeline.of(List.of(listings), List.of(), DAY_20, DAY_20 + 1, TransformParams.defaults().maxCarryMicros());
    return timeline.pieces().values().stream()
        .flatMap(List::stream)
        .sorted(Comparator.comparingLong((ReservationTimeline.Piece piece) -> piece.listing().observedUs())
            .thenComparingLong(ReservationTimeline.Piece::day))
        .map(piece -> piece.listing().observedUs() + "@" + piece.day() + " " + piece.pieceUs() / HOUR + "h")
        .toList();
  }

  /** cr-1 (2 instances, 1 in use) as a scope listed it, its scope's next snapshot at nextSnapshotUs. */
  private static Listing listing(long observedUs, String scopeAccount, long nextSnapshotUs) {
    return new Listing("aws", "cr-1", scopeAccount, "us-east-1", observedUs, nextSnapshotUs, false, "111111111111",
        "111111111111", "default", true, "odcr", "on-demand", "m5.large", "Linux/UNIX", "use1-az1", "active", true,
        true, false, 2, 1, null, null, null, null, null, null, null);
  }
}
