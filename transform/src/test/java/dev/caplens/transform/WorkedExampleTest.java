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

/** DESIGN.md "Worked example", reproduced from hourly snapshots. */
class WorkedExampleTest {

  private static MartRun run;

  @BeforeAll
  static void computeMarts() {
    run = MartRun.of(workedExample(), "2026-11-20", "2026-11-20", M5_LARGE_PRICE);
  }

  /**
   * cr-1 (m5.large at 0.096/h, owner 111111111111, shared with 222222222222) on 2026-11-20:
   * 00:00-11:00 total 10, available 4 (111 uses 4, 222 uses 2); 12:00-23:00 total 10, available 10.
   */
  static SnapshotFixture workedExample() {
    SnapshotFixture fixture = new SnapshotFixture();
    var owner = fixture.scope("111111111111", "us-east-1");
    Res cr1 = Res.odcr("cr-1", "111111111111").start("2026-11-01T00:00:00Z");
    List<String> hours = hourly("2026-11-20T00:00:00Z", 24);
    for (int h = 0; h < 24; h++) {
      if (h < 12) {
        owner.at(hours.get(h)).lists(cr1.counts(10, 4))
            .usage("cr-1", "111111111111", 4).usage("cr-1", "222222222222", 2);
      } else {
        owner.at(hours.get(h)).lists(cr1.counts(10, 10));
      }
    }
    return fixture;
  }

  @Test
  void reproducesTheWorkedExample() {
    Row cr1 = run.reservation("cr-1", "2026-11-20");
    // reserved = 10 x 24 h = 240; used = (10 - 4) x 12 h = 72; idle = 240 - 72 = 168
    assertThat(dec(cr1, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(cr1, "used_instance_hours")).isEqualByComparingTo("72");
    assertThat(dec(cr1, "idle_instance_hours")).isEqualByComparingTo("168");
    assertThat(dec(cr1, "unobserved_hours")).isEqualByComparingTo("0");
    // reserved_cost = 240 x 0.096 = 23.04; used_cost = 72 x 0.096 = 6.912; idle_cost = 23.04 - 6.912 = 16.128
    assertThat(dec(cr1, "reserved_cost")).isEqualByComparingTo("23.04");
    assertThat(dec(cr1, "used_cost")).isEqualByComparingTo("6.912");
    assertThat(dec(cr1, "idle_cost")).isEqualByComparingTo("16.128");
    assertThat(cr1.<String>getAs("reservation_kind")).isEqualTo("odcr");
    assertThat(cr1.<String>getAs("state")).isEqualTo("active");
    assertThat(cr1.<Boolean>getAs("lendable")).isTrue();
    assertThat(cr1.<String>getAs("currency")).isEqualTo("USD");

    // chargeback 111 = 4 x 12 h x 0.096 = 4.608; 222 = 2 x 12 h x 0.096 = 2.304
    assertThat(dec(run.accountUsage("cr-1", "111111111111", "2026-11-20"), "used_instance_hours"))
        .isEqualByComparingTo("48");
    assertThat(dec(run.accountUsage("cr-1", "111111111111", "2026-11-20"), "chargeback_cost"))
        .isEqualByComparingTo("4.608");
    assertThat(dec(run.accountUsage("cr-1", "222222222222", "2026-11-20"), "chargeback_cost"))
        .isEqualByComparingTo("2.304");
    assertThat(run.accountUsageOf("cr-1")).hasSize(2);
    assertThat(run.dataQuality).isEmpty();
  }

  @Test
  void martsHaveTheirDeclaredSchemas() {
    assertThat(MartRun.columnTypes(run.reservationDaily.get(0).schema()))
        .isEqualTo(MartRun.columnTypes(MartSchemas.RESERVATION_DAILY));
    assertThat(MartRun.columnTypes(run.accountUsageDaily.get(0).schema()))
        .isEqualTo(MartRun.columnTypes(MartSchemas.ACCOUNT_USAGE_DAILY));
  }

  @Test
  void reportsShowTheWorkedExample() {
    Row reservation = ReportQueries.reservations(run.collected().reservationDailyDF()).collectAsList().get(0);
    assertThat(List.of(reservation.schema().fieldNames())).isEqualTo(ReportQueries.RESERVATIONS_COLUMNS);
    // utilisation = 72 / 240 = 0.3
    assertThat(dec(reservation, "utilisation")).isEqualByComparingTo("0.3");
    assertThat(dec(reservation, "idle_cost")).isEqualByComparingTo("16.128");

    List<Row> accounts = ReportQueries.accounts(run.collected().reservationDailyDF(), run.collected().accountUsageDailyDF())
        .collectAsList();
    assertThat(accounts).extracting(r -> r.<String>getAs("account_id")).containsExactly("111111111111", "222222222222");
    Row owner = accounts.get(0);
    Row consumer = accounts.get(1);
    // 111 owns it: reserved 240 h / 23.04, idle 16.128 billed to it, chargeback 4.608; pays 4.608 + 16.128
    assertThat(dec(owner, "owned_reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(owner, "utilisation")).isEqualByComparingTo("0.3");
    assertThat(dec(owner, "reserved_cost")).isEqualByComparingTo("23.04");
    assertThat(dec(owner, "idle_cost")).isEqualByComparingTo("16.128");
    assertThat(dec(owner, "chargeback_cost")).isEqualByComparingTo("4.608");
    assertThat(dec(owner, "consumed_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(owner, "lendable_idle_cost")).isEqualByComparingTo("16.128");
    // 222 owns nothing and ran 24 instance-hours: chargeback 2.304
    assertThat(dec(consumer, "owned_reserved_instance_hours")).isEqualByComparingTo("0");
    assertThat(consumer.<Object>getAs("utilisation")).isNull();
    assertThat(dec(consumer, "chargeback_cost")).isEqualByComparingTo("2.304");
    assertThat(dec(consumer, "idle_cost")).isEqualByComparingTo("0");
  }
}
