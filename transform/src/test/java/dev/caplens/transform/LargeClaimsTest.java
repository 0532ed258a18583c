package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static dev.caplens.transform.MartRun.dec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.transform.SnapshotFixture.Res;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account split with counts too large for the share's product to fit a long: claimed x used
 * x piece_us = 200,001 x 300,000 x 3.6e9 = 2.16e20 > 2^63, so the split takes its decimal path
 * (ReservationTimeline.wholeShare); in a long it would wrap to a negative share.
 */
class LargeClaimsTest {

  private static final String DAY = "2026-11-20";
  private static MartRun run;

  @BeforeAll
  static void computeMarts() {
    // Observed at 23:00 only, started then: one hour. 300,000 instances, all in use; the rows
    // claim 200,001 + 100,000 = 300,001, one more than is used, so every claim is scaled down.
    SnapshotFixture fixture = new SnapshotFixture();
    fixture.scope("200000000001", "us-east-1").at("2026-11-20T23:00:00Z")
        .lists(Res.odcr("cr-large", "200000000001").start("2026-11-20T23:00:00Z").counts(300_000, 0))
        .usage("cr-large", "200000000001", 200_001).usage("cr-large", "222222222222", 100_000);
    run = MartRun.of(fixture, DAY, DAY, M5_LARGE_PRICE);
  }

  @Test
  void scaledSharesOfLargeCountsAreExact() {
    // used_ius = 300,000 x 3.6e9 = 1.08e15
    // 001: floor(200,001 x 300,000 x 3.6e9 / 300,001) = 720001199996000 + the 1 us left over
    //      = 720001199996001 us / 3.6e9 = 200000.3333322225 h exactly
    // 222: floor(100,000 x 300,000 x 3.6e9 / 300,001) = 359998800003999 us = 99999.6666677775 h
    assertThat(dec(run.accountUsage("cr-large", "200000000001", DAY), "used_instance_hours"))
        .isEqualByComparingTo("200000.3333322225");
    assertThat(dec(run.accountUsage("cr-large", "222222222222", DAY), "used_instance_hours"))
        .isEqualByComparingTo("99999.6666677775");
    assertThat(dec(run.reservation("cr-large", DAY), "used_instance_hours")).isEqualByComparingTo("300000");
  }
}
