package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static dev.caplens.transform.MartRun.dec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.transform.SnapshotFixture.Res;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md "Lending": a source ODCR lending to an interruptible reservation, on 2026-11-20. */
class LendingTest {

  private static final String DAY = "2026-11-20";
  private static MartRun run;

  /**
   * cr-src: total 10, lends L = 4 to cr-int; available 3, so its owner runs 10 - 3 - 4 = 3
   * (account 300000000001). cr-int: total 4, available 1, so 3 borrowed (account 333333333333).
   * Observed once at 00:00 and carried 24 h. cr-orphan borrows from a source nobody observed.
   * cr-lonely (total 6, available 2) lends 2 to an interruptible reservation nobody observed.
   * cr-greedy (total 5, available 1) lends 1, but its cr-greedy-int (total 3, available 0) uses 3.
   */
  static SnapshotFixture fixture() {
    SnapshotFixture fixture = new SnapshotFixture();
    fixture.scope("300000000001", "us-east-1").at("2026-11-20T00:00:00Z")
        .lists(Res.odcr("cr-src", "300000000001").start("2026-11-01T00:00:00Z").counts(10, 3).lends(4, "cr-int"))
        .usage("cr-src", "300000000001", 3)
        .lists(Res.odcr("cr-int", "300000000001").start("2026-11-01T00:00:00Z").counts(4, 1).borrowsFrom("cr-src"))
        .usage("cr-int", "333333333333", 3)
        .lists(Res.odcr("cr-orphan", "300000000001").start("2026-11-01T00:00:00Z").counts(2, 0).borrowsFrom("cr-gone"))
        .usage("cr-orphan", "333333333333", 2)
        .lists(Res.odcr("cr-lonely", "300000000001").start("2026-11-01T00:00:00Z").counts(6, 2).lends(2, "cr-absent"))
        .usage("cr-lonely", "300000000001", 2)
        .lists(Res.odcr("cr-greedy", "300000000001").start("2026-11-01T00:00:00Z").counts(5, 1).lends(1, "cr-greedy-int"))
        .usage("cr-greedy", "300000000001", 3)
        .lists(Res.odcr("cr-greedy-int", "300000000001").start("2026-11-01T00:00:00Z").counts(3, 0)
            .borrowsFrom("cr-greedy"))
        .usage("cr-greedy-int", "333333333333", 1);
    return fixture;
  }

  @BeforeAll
  static void computeMarts() {
    run = MartRun.of(fixture(), DAY, DAY, M5_LARGE_PRICE);
  }

  @Test
  void sourceCarriesCapacityCostAndSavings() {
    Row source = run.reservation("cr-src", DAY);
    // reserved 10 x 24 = 240; used (3 owner + 3 borrower) x 24 = 144; idle 96; lent 4 x 24 = 96
    assertThat(dec(source, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(source, "used_instance_hours")).isEqualByComparingTo("144");
    assertThat(dec(source, "idle_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(source, "lent_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(source, "borrowed_instance_hours")).isEqualByComparingTo("0");
    // cost 240 x 0.096 = 23.04, used 144 x 0.096 = 13.824, idle 9.216; savings 72 x 0.096 = 6.912
    assertThat(dec(source, "reserved_cost")).isEqualByComparingTo("23.04");
    assertThat(dec(source, "used_cost")).isEqualByComparingTo("13.824");
    assertThat(dec(source, "idle_cost")).isEqualByComparingTo("9.216");
    assertThat(dec(source, "lending_savings")).isEqualByComparingTo("6.912");
    assertThat(source.<Boolean>getAs("lendable")).isTrue();
  }

  @Test
  void interruptibleRowOnlyRecordsWhatItBorrowed() {
    Row borrower = run.reservation("cr-int", DAY);
    assertThat(borrower.<String>getAs("reservation_kind")).isEqualTo("interruptible");
    assertThat(borrower.<Boolean>getAs("lendable")).isFalse();
    // borrowed 3 x 24 = 72; no capacity, no cost of its own
    assertThat(dec(borrower, "borrowed_instance_hours")).isEqualByComparingTo("72");
    for (String zero : List.of("reserved_instance_hours", "used_instance_hours", "idle_instance_hours",
        "lent_instance_hours", "reserved_cost", "used_cost", "idle_cost", "lending_savings")) {
      assertThat(dec(borrower, zero)).as(zero).isEqualByComparingTo("0");
    }
  }

  @Test
  void borrowersAreChargedAtTheSourcesRate() {
    // 300000000001: 3 x 24 = 72 h, 333333333333: 3 x 24 = 72 h, both on cr-src at 0.096 = 6.912
    assertThat(run.accountUsageOf("cr-int")).isEmpty();
    assertThat(run.accountUsageOf("cr-src")).hasSize(2);
    Row owner = run.accountUsage("cr-src", "300000000001", DAY);
    Row borrower = run.accountUsage("cr-src", "333333333333", DAY);
    assertThat(dec(owner, "chargeback_cost")).isEqualByComparingTo("6.912");
    assertThat(dec(borrower, "used_instance_hours")).isEqualByComparingTo("72");
    assertThat(dec(borrower, "chargeback_cost")).isEqualByComparingTo("6.912");
    // chargeback 6.912 + 6.912 + idle 9.216 = reserved 23.04
    assertThat(dec(owner, "chargeback_cost").add(dec(borrower, "chargeback_cost"))
        .add(dec(run.reservation("cr-src", DAY), "idle_cost"))).isEqualByComparingTo("23.04");
    assertThat(run.findings("unexplained-usage")).isEmpty();
    assertThat(run.findings("usage-exceeds-used")).isEmpty();
  }

  @Test
  void interruptibleWithoutObservedSourceIsReported() {
    Row orphan = run.reservation("cr-orphan", DAY);
    assertThat(dec(orphan, "borrowed_instance_hours")).isEqualByComparingTo("48");
    assertThat(run.accountUsageOf("cr-orphan")).isEmpty();
    assertThat(run.accountUsageOf("cr-gone")).isEmpty();
    List<Row> findings = run.findings("unpaired-lending");
    assertThat(findings).extracting(r -> r.<String>getAs("reservation_id"))
        .containsExactlyInAnyOrder("cr-orphan", "cr-lonely");
    assertThat(dec(findingOf(findings, "cr-orphan"), "instance_hours")).isEqualByComparingTo("48");
  }

  @Test
  void sourceWhoseBorrowerWasNotObservedCountsItsLentInstancesIdle() {
    Row lonely = run.reservation("cr-lonely", DAY);
    // reserved 6 x 24 = 144; used (6 - 2 - 2 lent) x 24 = 48, no borrower use; lent 2 x 24 = 48
    assertThat(dec(lonely, "reserved_instance_hours")).isEqualByComparingTo("144");
    assertThat(dec(lonely, "used_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(lonely, "lent_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(findingOf(run.findings("unpaired-lending"), "cr-lonely"), "instance_hours"))
        .isEqualByComparingTo("48");
  }

  @Test
  void borrowedUseIsCappedAtWhatTheSourceLends() {
    Row greedy = run.reservation("cr-greedy", DAY);
    // owner runs 5 - 1 - 1 lent = 3; borrowers use 3 of 1 lent, counted 1: used (3 + 1) x 24 = 96
    assertThat(dec(greedy, "used_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(run.reservation("cr-greedy-int", DAY), "borrowed_instance_hours")).isEqualByComparingTo("72");
    List<Row> exceeding = run.findings("borrowed-exceeds-lent");
    assertThat(exceeding).extracting(r -> r.<String>getAs("reservation_id")).containsExactly("cr-greedy");
    // (3 used - 1 lent) x 24
    assertThat(dec(exceeding.get(0), "instance_hours")).isEqualByComparingTo("48");
  }

  private static Row findingOf(List<Row> findings, String reservationId) {
    return findings.stream().filter(r -> r.getAs("reservation_id").equals(reservationId)).findFirst().orElseThrow();
  }
}
