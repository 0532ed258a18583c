package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static dev.caplens.transform.MartRun.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.caplens.transform.SnapshotFixture.Res;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-account usage that does not add up, billing owners, missing prices and the accounting
 * identities, on 2026-11-20. Every reservation is observed once at 00:00 and carried through the
 * day (24 h) unless said otherwise.
 */
class UsageAndPricingTest {

  private static final String DAY = "2026-11-20";
  private static final String MIDNIGHT = "2026-11-20T00:00:00Z";
  /** Any platform of m5.large: loses to the exact Linux/UNIX price, applies to Windows. */
  private static final String ANY_PLATFORM_PRICE = "aws,us-east-1,m5.large,*,on-demand,0.5,USD";
  private static MartRun run;

  static SnapshotFixture fixture() {
    SnapshotFixture fixture = new SnapshotFixture();
    fixture.scope("200000000001", "us-east-1").at(MIDNIGHT)
        .lists(Res.odcr("cr-unexplained", "200000000001").start(MIDNIGHT).counts(10, 4))
        .usage("cr-unexplained", "200000000001", 2).usage("cr-unexplained", "222222222222", 1);
    fixture.scope("200000000002", "us-east-1").at(MIDNIGHT)
        .lists(Res.odcr("cr-exceeds", "200000000002").start(MIDNIGHT).counts(10, 4))
        .usage("cr-exceeds", "200000000002", 6).usage("cr-exceeds", "333333333333", 3);
    // Observed at 23:00 only, started then: one hour.
    fixture.scope("200000000003", "us-east-1").at("2026-11-20T23:00:00Z")
        .lists(Res.odcr("cr-uneven", "200000000003").start("2026-11-20T23:00:00Z").counts(5, 0))
        .usage("cr-uneven", "200000000003", 4).usage("cr-uneven", "444444444444", 3);
    fixture.scope("200000000004", "us-east-1").at(MIDNIGHT)
        .lists(Res.odcr("cr-billed", "200000000004").start(MIDNIGHT).billingOwner("999999999999").counts(10, 4))
        .usage("cr-billed", "200000000004", 6);
    fixture.scope("200000000005", "us-east-1").at(MIDNIGHT)
        .lists(Res.odcr("cr-unpriced", "200000000005").start(MIDNIGHT).instanceType("x9.huge").counts(2, 1))
        .usage("cr-unpriced", "200000000005", 1);
    fixture.scope("200000000006", "us-east-1").at(MIDNIGHT)
        .lists(Res.odcr("cr-windows", "200000000006").start(MIDNIGHT).with("platform", "Windows").counts(1, 1));
    return fixture;
  }

  @BeforeAll
  static void computeMarts() {
    run = MartRun.of(fixture(), DAY, DAY, M5_LARGE_PRICE, ANY_PLATFORM_PRICE);
  }

  @Test
  void usageTheAccountsDoNotExplainIsChargedToTheOwner() {
    // used = 10 - 4 = 6; rows explain 2 + 1 = 3; the owner gets its 2 plus the 3 unexplained
    assertThat(dec(run.accountUsage("cr-unexplained", "200000000001", DAY), "used_instance_hours"))
        .isEqualByComparingTo("120"); // 5 x 24
    assertThat(dec(run.accountUsage("cr-unexplained", "222222222222", DAY), "used_instance_hours"))
        .isEqualByComparingTo("24");
    List<Row> findings = run.findings("unexplained-usage");
    assertThat(findings).extracting(r -> r.<String>getAs("reservation_id")).containsExactly("cr-unexplained");
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("72"); // 3 x 24
    assertThat(findings.get(0).<String>getAs("account_id")).isEqualTo("200000000001");
  }

  @Test
  void usageClaimingMoreThanIsUsedIsScaledDown() {
    // used 6, rows claim 6 + 3 = 9: scaled by 6/9 to 4 and 2 instances
    assertThat(dec(run.accountUsage("cr-exceeds", "200000000002", DAY), "used_instance_hours"))
        .isEqualByComparingTo("96");
    assertThat(dec(run.accountUsage("cr-exceeds", "333333333333", DAY), "used_instance_hours"))
        .isEqualByComparingTo("48");
    // (9 - 6) x 24 = 72 h scaled away here; cr-uneven below claims 7 of 5 for 1 h: 2 h
    List<Row> findings = run.findings("usage-exceeds-used");
    assertThat(findings).extracting(r -> r.<String>getAs("reservation_id"), r -> dec(r, "instance_hours").intValueExact())
        .containsExactlyInAnyOrder(tuple("cr-exceeds", 72), tuple("cr-uneven", 2));
  }

  @Test
  void scaledSharesAddUpToTheUsedHoursExactly() {
    // used 5 for 1 h = 18e9 instance-us; claims 4 + 3 = 7:
    // 003: floor(4 x 18e9 / 7) = 10285714285 + the 1 us left over (largest claim) = 10285714286
    //      = 2.857142857222.. h -> 2.8571428572; cost 10285714286 x 0.096 / 3.6e9 = 0.27428571429.. -> 0.2742857143
    // 444: floor(3 x 18e9 / 7) = 7714285714 = 2.142857142777.. h -> 2.1428571428; cost 0.2057142857
    Row largest = run.accountUsage("cr-uneven", "200000000003", DAY);
    Row other = run.accountUsage("cr-uneven", "444444444444", DAY);
    assertThat(dec(largest, "used_instance_hours")).isEqualByComparingTo("2.8571428572");
    assertThat(dec(other, "used_instance_hours")).isEqualByComparingTo("2.1428571428");
    assertThat(dec(largest, "chargeback_cost")).isEqualByComparingTo("0.2742857143");
    assertThat(dec(other, "chargeback_cost")).isEqualByComparingTo("0.2057142857");
    // used_cost is what the accounts are charged: 0.48 = 5 x 0.096
    Row reservation = run.reservation("cr-uneven", DAY);
    assertThat(dec(reservation, "used_instance_hours")).isEqualByComparingTo("5");
    assertThat(dec(reservation, "used_cost")).isEqualByComparingTo("0.48");
    assertThat(dec(reservation, "unobserved_hours")).isEqualByComparingTo("0");
  }

  @Test
  void idleCostGoesToTheBillingOwner() {
    // reserved 240 h = 23.04, used 6 x 24 = 144 h = 13.824, idle 96 h = 9.216
    Row reservation = run.reservation("cr-billed", DAY);
    assertThat(reservation.<String>getAs("billing_owner_account_id")).isEqualTo("999999999999");
    assertThat(dec(reservation, "idle_cost")).isEqualByComparingTo("9.216");

    List<Row> accounts = ReportQueries.accounts(run.collected().reservationDailyDF(),
        run.collected().accountUsageDailyDF()).collectAsList();
    Row owner = account(accounts, "200000000004", "USD");
    Row billingOwner = account(accounts, "999999999999", "USD");
    assertThat(dec(owner, "reserved_cost")).isEqualByComparingTo("23.04");
    assertThat(dec(owner, "chargeback_cost")).isEqualByComparingTo("13.824");
    assertThat(dec(owner, "idle_cost")).isEqualByComparingTo("0");
    assertThat(dec(billingOwner, "idle_cost")).isEqualByComparingTo("9.216");
    assertThat(dec(billingOwner, "owned_reserved_instance_hours")).isEqualByComparingTo("0");
  }

  @Test
  void anExactPlatformPriceWinsOverTheWildcard() {
    assertThat(dec(run.reservation("cr-billed", DAY), "hourly_rate")).isEqualByComparingTo("0.096");
    // Windows has only the * price: 1 x 24 h x 0.5 = 12, all idle
    Row windows = run.reservation("cr-windows", DAY);
    assertThat(dec(windows, "hourly_rate")).isEqualByComparingTo("0.5");
    assertThat(dec(windows, "idle_cost")).isEqualByComparingTo("12");
  }

  @Test
  void missingPriceLeavesCostsEmptyAndIsReported() {
    Row reservation = run.reservation("cr-unpriced", DAY);
    assertThat(dec(reservation, "reserved_instance_hours")).isEqualByComparingTo("48");
    assertThat(reservation.<Object>getAs("hourly_rate")).isNull();
    assertThat(reservation.<Object>getAs("currency")).isNull();
    for (String cost : List.of("reserved_cost", "used_cost", "idle_cost", "lending_savings")) {
      assertThat(reservation.<Object>getAs(cost)).as(cost).isNull();
    }
    assertThat(run.accountUsage("cr-unpriced", "200000000005", DAY).<Object>getAs("chargeback_cost")).isNull();
    List<Row> findings = run.findings("missing-price");
    assertThat(findings).hasSize(1);
    assertThat(dec(findings.get(0), "instance_hours")).isEqualByComparingTo("48");
    assertThat(findings.get(0).<String>getAs("detail")).contains("x9.huge");

    List<Row> accounts = ReportQueries.accounts(run.collected().reservationDailyDF(),
        run.collected().accountUsageDailyDF()).collectAsList();
    Row unpriced = account(accounts, "200000000005", null);
    assertThat(dec(unpriced, "unpriced_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(unpriced, "owned_reserved_instance_hours")).isEqualByComparingTo("48");
    assertThat(unpriced.<Object>getAs("reserved_cost")).isNull();
    assertThat(unpriced.<Object>getAs("chargeback_cost")).isNull();
  }

  @Test
  void accountsPayExactlyWhatTheReservationsCost() {
    for (Row row : run.reservationDaily) {
      assertThat(dec(row, "used_instance_hours").add(dec(row, "idle_instance_hours")))
          .isEqualByComparingTo(dec(row, "reserved_instance_hours"));
    }
    Marts marts = run.collected();
    BigDecimal reservedCost = sum(ReportQueries.reservations(marts.reservationDailyDF()).collectAsList(), "reserved_cost");
    List<Row> accounts = ReportQueries.accounts(marts.reservationDailyDF(), marts.accountUsageDailyDF()).collectAsList();
    // 23.04 x 3 (unexplained, exceeds, billed) + 0.48 (uneven, 5 x 1 h) + 12 (windows)
    assertThat(reservedCost).isEqualByComparingTo("81.6");
    assertThat(sum(accounts, "chargeback_cost").add(sum(accounts, "idle_cost"))).isEqualByComparingTo(reservedCost);
    assertThat(sum(accounts, "reserved_cost")).isEqualByComparingTo(reservedCost);
  }

  @Test
  void reportTablesHaveTheDesignsColumnsAndOrder() {
    Marts marts = run.collected();
    List<Row> accounts = ReportQueries.accounts(marts.reservationDailyDF(), marts.accountUsageDailyDF()).collectAsList();
    assertThat(List.of(accounts.get(0).schema().fieldNames())).isEqualTo(ReportQueries.ACCOUNTS_COLUMNS);
    // sorted by provider, account; the unpriced (no currency) row of an account comes after its priced ones
    assertThat(accounts).extracting(r -> r.<String>getAs("account_id")).isSorted();
    List<Row> daily = ReportQueries.daily(marts.reservationDailyDF(), marts.accountUsageDailyDF()).collectAsList();
    assertThat(List.of(daily.get(0).schema().fieldNames())).isEqualTo(ReportQueries.DAILY_COLUMNS);
    assertThat(daily).hasSameSizeAs(accounts);
    List<Row> findings = ReportQueries.dataQuality(marts.dataQualityDF()).collectAsList();
    assertThat(List.of(findings.get(0).schema().fieldNames())).isEqualTo(ReportQueries.DATA_QUALITY_COLUMNS);
    assertThat(findings).extracting(r -> r.<String>getAs("account_id")).isSorted();
    List<Row> reservations = ReportQueries.reservations(marts.reservationDailyDF()).collectAsList();
    assertThat(reservations).extracting(r -> r.<String>getAs("reservation_id"))
        .containsExactly("cr-unexplained", "cr-exceeds", "cr-uneven", "cr-billed", "cr-unpriced", "cr-windows");
  }

  private static Row account(List<Row> accounts, String accountId, String currency) {
    List<Row> rows = accounts.stream()
        .filter(r -> r.getAs("account_id").equals(accountId) && Objects.equals(r.getAs("currency"), currency))
        .toList();
    assertThat(rows).as("accounts.csv rows of %s in %s", accountId, currency).hasSize(1);
    return rows.get(0);
  }

  /** Sum of a column over rows, skipping empty cells (unpriced costs). */
  private static BigDecimal sum(List<Row> rows, String column) {
    return rows.stream().map(r -> r.<BigDecimal>getAs(column)).filter(Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
