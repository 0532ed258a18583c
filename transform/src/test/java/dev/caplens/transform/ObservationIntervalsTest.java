package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static dev.caplens.transform.MartRun.dec;
import static dev.caplens.transform.SnapshotFixture.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.transform.SnapshotFixture.Res;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How observations become time: carrying, gaps, end dates, state changes, vanishing, capacity
 * block windows and shared reservations. Each case has its own scope (account) in one fixture,
 * computed once for 2026-11-20 and 2026-11-21.
 */
class ObservationIntervalsTest {

  static final String BLOCK_PRICE = "aws,us-east-1,p5.48xlarge,Linux/UNIX,capacity-block,2.5,USD";
  private static final String LONG_AGO = "2026-11-01T00:00:00Z";
  private static MartRun run;

  static SnapshotFixture fixture() {
    SnapshotFixture fixture = new SnapshotFixture();

    // Gap: snapshots at 20T00:00 and 21T06:00 only, 30 h apart.
    var gapScope = fixture.scope("100000000001", "us-east-1");
    Res gap = Res.odcr("cr-gap", "100000000001").start(LONG_AGO).counts(2, 2);
    gapScope.at("2026-11-20T00:00:00Z").lists(gap);
    gapScope.at("2026-11-21T06:00:00Z").lists(gap);

    // Ends at 20T05:30, between two 12-hourly snapshots; listed as expired afterwards.
    var endScope = fixture.scope("100000000002", "us-east-1");
    Res ending = Res.odcr("cr-end", "100000000002").start(LONG_AGO).end("2026-11-20T05:30:00Z");
    endScope.at("2026-11-20T00:00:00Z").lists(ending.counts(3, 1)).usage("cr-end", "100000000002", 2);
    for (String t : List.of("2026-11-20T12:00:00Z", "2026-11-21T00:00:00Z", "2026-11-21T12:00:00Z")) {
      endScope.at(t).lists(ending.counts(3, 3).state("expired"));
    }

    // Active 00:00-09:00, cancelled from 10:00 (still listed), gone on the 21st.
    var cancelScope = fixture.scope("100000000003", "us-east-1");
    Res cancelling = Res.odcr("cr-cancel", "100000000003").start(LONG_AGO).counts(4, 4);
    List<String> day20 = hourly("2026-11-20T00:00:00Z", 24);
    List<String> day21 = hourly("2026-11-21T00:00:00Z", 24);
    for (int h = 0; h < 24; h++) {
      cancelScope.at(day20.get(h)).lists(h < 10 ? cancelling : cancelling.state("cancelled"));
      cancelScope.at(day21.get(h));
    }

    // Listed 00:00-07:00, then no longer listed although its scope is still snapshotted every hour.
    var vanishScope = fixture.scope("100000000004", "us-east-1");
    Res vanishing = Res.odcr("cr-vanish", "100000000004").start(LONG_AGO).counts(5, 5);
    for (int h = 0; h < 24; h++) {
      var snapshot = vanishScope.at(day20.get(h));
      if (h < 8) {
        snapshot.lists(vanishing);
      }
      vanishScope.at(day21.get(h));
    }

    // Capacity block 20T10:00-21T10:00, 2 instances, fully used while active.
    var blockScope = fixture.scope("100000000005", "us-east-1");
    Res block = Res.odcr("cr-block", "100000000005").capacityBlock("cb-1").instanceType("p5.48xlarge")
        .start("2026-11-20T10:00:00Z").end("2026-11-21T10:00:00Z");
    List<String> twoDays = hourly("2026-11-20T00:00:00Z", 48);
    for (int h = 0; h < 48; h++) {
      if (h < 10) {
        blockScope.at(twoDays.get(h)).lists(block.counts(2, 2).state("scheduled"));
      } else if (h < 34) {
        blockScope.at(twoDays.get(h)).lists(block.counts(2, 0)).usage("cr-block", "100000000005", 2);
      } else {
        blockScope.at(twoDays.get(h)).lists(block.counts(2, 2).state("expired"));
      }
    }

    // Shared: listed by the owner's and the consumer's scope at the same instants, all of the 20th.
    var ownerScope = fixture.scope("100000000006", "us-east-1");
    var consumerScope = fixture.scope("100000000007", "us-east-1");
    Res shared = Res.odcr("cr-shared", "100000000006").start(LONG_AGO);
    for (String t : day20) {
      ownerScope.at(t).lists(shared.counts(10, 4))
          .usage("cr-shared", "100000000006", 4).usage("cr-shared", "100000000007", 2);
      consumerScope.at(t).lists(shared.counts(10, 6)).usage("cr-shared", "100000000007", 2);
    }

    // Reports more available than total at 00:00; correct at 12:00.
    var badCountScope = fixture.scope("100000000008", "us-east-1");
    Res badCount = Res.odcr("cr-bad-count", "100000000008").start(LONG_AGO);
    badCountScope.at("2026-11-20T00:00:00Z").lists(badCount.counts(2, 3));
    badCountScope.at("2026-11-20T12:00:00Z").lists(badCount.counts(2, 0)).usage("cr-bad-count", "100000000008", 2);
    badCountScope.at("2026-11-21T00:00:00Z").lists(badCount.counts(2, 0)).usage("cr-bad-count", "100000000008", 2);

    // A state no EC2 documentation lists.
    var oddScope = fixture.scope("100000000009", "us-east-1");
    Res odd = Res.odcr("cr-odd", "100000000009").start(LONG_AGO).counts(1, 1).state("rebooting");
    // No AvailableInstanceCount, and a ReservationType caplens does not know.
    Res noAvailable = Res.odcr("cr-no-available", "100000000009").start(LONG_AGO).counts(3, 0)
        .with("available_instance_count", null);
    Res newType = Res.odcr("cr-new-type", "100000000009").start(LONG_AGO).counts(1, 0)
        .with("reservation_type", "future-type");
    oddScope.at("2026-11-20T00:00:00Z").lists(odd).lists(noAvailable).lists(newType);
    oddScope.at("2026-11-21T00:00:00Z").lists(odd).lists(noAvailable).lists(newType);

    // Listed twice by one snapshot (overlapping pages), a start after the end, a start in 9999.
    var brokenScope = fixture.scope("100000000010", "us-east-1");
    Res twice = Res.odcr("cr-twice", "100000000010").start(LONG_AGO);
    Res backwards = Res.odcr("cr-backwards", "100000000010").start("2026-11-25T00:00:00Z")
        .end("2026-11-10T00:00:00Z").counts(2, 2);
    Res fromFuture = Res.odcr("cr-from-future", "100000000010").start("9999-01-01T00:00:00Z").counts(1, 1);
    for (String t : List.of("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")) {
      brokenScope.at(t).lists(twice.counts(4, 2)).lists(twice.counts(4, 1)).usage("cr-twice", "100000000010", 3)
          .lists(backwards).lists(fromFuture);
    }
    return fixture;
  }

  @BeforeAll
  static void computeMarts() {
    run = MartRun.of(fixture(), "2026-11-20", "2026-11-21", M5_LARGE_PRICE, BLOCK_PRICE);
  }

  @Test
  void gapLongerThanMaxCarryIsUnobserved() {
    // 20th: the 00:00 observation is carried 26 h, to 21T02:00: 2 x 24 h = 48
    Row day20 = run.reservation("cr-gap", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(day20, "unobserved_hours")).isEqualByComparingTo("0");
    // 21st: 00:00-02:00 carried (2 x 2 = 4), 02:00-06:00 nobody looked (4 h), 06:00-24:00 from the
    // 06:00 observation (2 x 18 = 36): reserved 40, unobserved 4, never counted as idle
    Row day21 = run.reservation("cr-gap", "2026-11-21");
    assertThat(dec(day21, "reserved_instance_hours")).isEqualByComparingTo("40");
    assertThat(dec(day21, "idle_instance_hours")).isEqualByComparingTo("40");
    assertThat(dec(day21, "unobserved_hours")).isEqualByComparingTo("4");
  }

  @Test
  void endDateInsideAnIntervalCutsIt() {
    // The 00:00 observation would cover to the 12:00 snapshot; EndDate 05:30 cuts it:
    // reserved 3 x 5.5 = 16.5, used 2 x 5.5 = 11, cost 16.5 x 0.096 = 1.584
    Row day20 = run.reservation("cr-end", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("16.5");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("11");
    assertThat(dec(day20, "reserved_cost")).isEqualByComparingTo("1.584");
    assertThat(dec(day20, "unobserved_hours")).isEqualByComparingTo("0");
    assertThat(day20.<String>getAs("state")).isEqualTo("expired");
    assertThat(day20.<Boolean>getAs("lendable")).isFalse();
    // Nothing of its lifetime is left on the 21st.
    assertThat(run.reservationRows("cr-end")).hasSize(1);
  }

  @Test
  void cancelledStateStopsReservedHours() {
    // active for the 10 hourly observations 00:00-09:00: 4 x 10 = 40, all idle
    Row day20 = run.reservation("cr-cancel", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("40");
    assertThat(dec(day20, "idle_instance_hours")).isEqualByComparingTo("40");
    assertThat(dec(day20, "idle_cost")).isEqualByComparingTo("3.84");
    assertThat(day20.<String>getAs("state")).isEqualTo("cancelled");
    assertThat(day20.<Boolean>getAs("lendable")).isFalse();
    assertThat(run.reservationRows("cr-cancel")).hasSize(1);
  }

  @Test
  void vanishedReservationIsNotCarriedForward() {
    // listed 00:00-07:00; the 08:00 snapshot no longer lists it: 5 x 8 = 40, nothing unobserved
    Row day20 = run.reservation("cr-vanish", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("40");
    assertThat(dec(day20, "unobserved_hours")).isEqualByComparingTo("0");
    assertThat(run.reservationRows("cr-vanish")).hasSize(1);
  }

  @Test
  void capacityBlockCountsFromItsWindowStart() {
    // window 20T10:00-21T10:00: 2 x 14 h = 28 on the 20th, 2 x 10 h = 20 on the 21st, all used;
    // cost at the capacity-block rate 2.5: 70 and 50
    Row day20 = run.reservation("cr-block", "2026-11-20");
    assertThat(day20.<String>getAs("reservation_kind")).isEqualTo("capacity-block");
    assertThat(day20.<String>getAs("pricing_model")).isEqualTo("capacity-block");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("28");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("28");
    assertThat(dec(day20, "reserved_cost")).isEqualByComparingTo("70");
    assertThat(dec(day20, "idle_cost")).isEqualByComparingTo("0");
    assertThat(dec(day20, "unobserved_hours")).isEqualByComparingTo("0");
    assertThat(day20.<Boolean>getAs("lendable")).isFalse();
    Row day21 = run.reservation("cr-block", "2026-11-21");
    assertThat(dec(day21, "reserved_instance_hours")).isEqualByComparingTo("20");
    assertThat(dec(day21, "reserved_cost")).isEqualByComparingTo("50");
    assertThat(day21.<String>getAs("state")).isEqualTo("expired");
  }

  @Test
  void sharedReservationIsCountedOnceFromTheOwnersListing() {
    // one observation per instant, the owner's: reserved 10 x 24 = 240 (not 480), used 6 x 24 = 144
    Row day20 = run.reservation("cr-shared", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("144");
    // the owner's usage rows: 006 ran 4 x 24 = 96, 007 ran 2 x 24 = 48
    assertThat(dec(run.accountUsage("cr-shared", "100000000006", "2026-11-20"), "used_instance_hours"))
        .isEqualByComparingTo("96");
    assertThat(dec(run.accountUsage("cr-shared", "100000000007", "2026-11-20"), "used_instance_hours"))
        .isEqualByComparingTo("48");
    // no snapshot of either scope on the 21st: the 20T23:00 observation is carried 26 h, to 22T01:00,
    // so it stands for the whole 21st: 10 x 24 = 240 reserved, nothing unobserved
    Row day21 = run.reservation("cr-shared", "2026-11-21");
    assertThat(dec(day21, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(day21, "unobserved_hours")).isEqualByComparingTo("0");
  }

  @Test
  void availableAboveTotalCountsAsUnusedAndIsReported() {
    // 00:00-12:00 available 3 > total 2: reserved 2 x 12 = 24, used taken as 0;
    // 12:00-24:00 total 2, available 0: used 2 x 12 = 24
    Row day20 = run.reservation("cr-bad-count", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("24");
    List<Row> findings = run.findings("available-exceeds-total");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).<String>getAs("reservation_id")).isEqualTo("cr-bad-count");
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("24");
    assertThat(findings.get(0).<String>getAs("detail"))
        .isEqualTo("available_instance_count 3 exceeds total_instance_count 2; used counted as 0 "
            + "(1 observation(s) from 2026-11-20T00:00:00Z)");
  }

  @Test
  void unknownStateIsNotBillableAndIsReported() {
    Row day20 = run.reservation("cr-odd", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("0");
    assertThat(day20.<String>getAs("state")).isEqualTo("rebooting");
    // 1 instance x 24 h not counted
    List<Row> findings = run.findings("unknown-state").stream()
        .filter(r -> r.getAs("date").toString().equals("2026-11-20")).toList();
    assertThat(findings).hasSize(1);
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("24");
  }

  @Test
  void missingCountCountsAsUnusedAndIsReported() {
    // reserved 3 x 24 = 72; with no available count nothing is known to be used
    Row day20 = run.reservation("cr-no-available", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("72");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("0");
    List<Row> findings = run.findings("invalid-count").stream()
        .filter(r -> r.getAs("date").toString().equals("2026-11-20")).toList();
    assertThat(findings).extracting(r -> r.<String>getAs("reservation_id")).containsExactly("cr-no-available");
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("72");
  }

  @Test
  void unknownReservationTypeIsPricedAsAnOdcrAndReported() {
    // 1 instance, all used, 24 h at the on-demand rate: 2.304
    Row day20 = run.reservation("cr-new-type", "2026-11-20");
    assertThat(day20.<String>getAs("reservation_kind")).isEqualTo("odcr");
    assertThat(dec(day20, "used_cost")).isEqualByComparingTo("2.304");
    assertThat(run.findings("unknown-reservation-type")).extracting(r -> r.<String>getAs("reservation_id"))
        .containsOnly("cr-new-type");
  }

  @Test
  void aReservationListedTwiceInOneSnapshotCountsOnceAsTheListingWithMoreInUseAndIsReported() {
    // kept: total 4, available 1: reserved 4 x 24 = 96, used 3 x 24 = 72 (not 192 and 144)
    Row day20 = run.reservation("cr-twice", "2026-11-20");
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(day20, "used_instance_hours")).isEqualByComparingTo("72");
    List<Row> findings = run.findings("duplicate-listing").stream()
        .filter(r -> r.getAs("date").toString().equals("2026-11-20")).toList();
    assertThat(findings).extracting(r -> r.<String>getAs("reservation_id")).containsExactly("cr-twice");
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("96");
    assertThat(findings.get(0).<String>getAs("detail")).startsWith(
        "listed 2 times in one snapshot of account 100000000010 us-east-1; counted once, as total 4, available 1");
  }

  @Test
  void impossibleLifetimeDatesAreIgnoredAndReportedInsteadOfCountingNothing() {
    // start after end: both ignored, 2 x 24 = 48 reserved; clipping to them would have counted 0
    assertThat(dec(run.reservation("cr-backwards", "2026-11-20"), "reserved_instance_hours"))
        .isEqualByComparingTo("48");
    assertThat(run.findings("start-after-end")).extracting(r -> r.<String>getAs("reservation_id"))
        .containsOnly("cr-backwards");
    // active with a start in 9999: the start is ignored, 1 x 24 = 24 reserved
    assertThat(dec(run.reservation("cr-from-future", "2026-11-20"), "reserved_instance_hours"))
        .isEqualByComparingTo("24");
    List<Row> future = run.findings("start-after-snapshot").stream()
        .filter(r -> r.getAs("date").toString().equals("2026-11-20")).toList();
    assertThat(future).extracting(r -> r.<String>getAs("reservation_id")).containsExactly("cr-from-future");
    assertThat(dec(future.get(0), "instance_hours")).isEqualByComparingTo("24");
  }

  @Test
  void everyRowKeepsReservedEqualToUsedPlusIdle() {
    for (Row row : run.reservationDaily) {
      assertThat(dec(row, "used_instance_hours").add(dec(row, "idle_instance_hours")))
          .isEqualByComparingTo(dec(row, "reserved_instance_hours"));
      assertThat(dec(row, "used_cost").add(dec(row, "idle_cost"))).isEqualByComparingTo(dec(row, "reserved_cost"));
    }
  }
}
