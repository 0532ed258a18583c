package dev.caplens.transform;

import static dev.caplens.transform.MartRun.dec;
import static dev.caplens.transform.SnapshotFixture.hourly;
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
 * Outposts capacity and Alibaba private pools as rows of the marts, on 2026-11-20, with the
 * sample organisation's Outpost and pools (sample-data/README.md) plus a few faults.
 *
 * <p>Outpost op-1 (owner 111, scopes at every hour): asset 1100000001 ACTIVE with m5.xlarge 6 and
 * c5.2xlarge 6 slots until the 17:00 snapshot, 8 and 4 from 18:00; asset 1100000002 RETIRING with 4
 * m5.xlarge slots (not billable, never counted); r5.xlarge 2 slots with 3 instances running.
 * Instances all day: m5.xlarge 111 x5, 222 x1; c5.2xlarge 111 x2; r5.xlarge 111 x2, 333 x1.
 *
 * <p>Alibaba (owner 5123..., one snapshot at 00:00 carried through the day): web-pool one resource,
 * batch-pool two resources in two zones, odd-pool whose UsedAmount disagrees with its counts.
 *
 * <p>Capacity tasks: the sample's task (created 15:00, completed 17:40), one completed on the 10th
 * and still listed, and a dry run.
 */
class OutpostsAndPoolsTest {

  private static final String DAY = "2026-11-20";
  private static final String OUTPOST = "op-0a11c0de000000001";
  private static final String OWNER = "111111111111";
  private static final String TASK = "cap-0a11c0de000000001";
  private static final String OLD_TASK = "cap-0a11c0de000000002";
  private static final String DRY_RUN_TASK = "cap-0a11c0de000000003";
  private static final String POOL_OWNER = "5123456789012345";
  private static final String POOL_USER = "5987654321098765";
  private static final String WEB_POOL = "crp-bp1a11c0de0000001";
  private static final String BATCH_POOL = "crp-bp1a11c0de0000002";
  private static final String ODD_POOL = "crp-bp1a11c0de0000003";
  private static final String[] PRICES = {
      "aws,us-east-1,m5.xlarge,*,outpost,0.25,USD",
      "aws,us-east-1,c5.2xlarge,*,outpost,0.44,USD",
      // spelled with the marts' provider: accepted as well
      "outposts,us-east-1,r5.xlarge,*,outpost,0.3,USD",
      "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY",
      "aliyun,cn-hangzhou,ecs.c7.xlarge,*,on-demand,1.12,CNY"};
  private static MartRun run;

  static SnapshotFixture fixture() {
    SnapshotFixture fixture = new SnapshotFixture();
    var outposts = fixture.outpostsScope(OWNER, "us-east-1");
    List<String> hours = hourly("2026-11-20T00:00:00Z", 24);
    for (int h = 0; h < 24; h++) {
      boolean afterTask = h >= 18;
      var snapshot = outposts.at(hours.get(h))
          .slots(OUTPOST, OWNER, "1100000001", "ACTIVE", "m5.xlarge", afterTask ? 8 : 6)
          .slots(OUTPOST, OWNER, "1100000001", "ACTIVE", "c5.2xlarge", afterTask ? 4 : 6)
          .slots(OUTPOST, OWNER, "1100000002", "RETIRING", "m5.xlarge", 4)
          .slots(OUTPOST, OWNER, "1100000001", "ACTIVE", "r5.xlarge", 2)
          .instances(OUTPOST, "m5.xlarge", OWNER, 5).instances(OUTPOST, "m5.xlarge", "222222222222", 1)
          .instances(OUTPOST, "c5.2xlarge", OWNER, 2)
          .instances(OUTPOST, "r5.xlarge", OWNER, 2).instances(OUTPOST, "r5.xlarge", "333333333333", 1)
          .task(OLD_TASK, OUTPOST, "COMPLETED", "2026-11-10T09:00:00Z", "2026-11-10T10:00:00Z", false)
          .task(DRY_RUN_TASK, OUTPOST, "COMPLETED", "2026-11-20T01:00:00Z", "2026-11-20T01:00:00Z", true);
      // created 15:00: REQUESTED at 15:00, IN_PROGRESS at 16:00 and 17:00, COMPLETED 17:40 from 18:00
      if (h == 15) {
        snapshot.task(TASK, OUTPOST, "REQUESTED", "2026-11-20T15:00:00Z", null, false);
      } else if (h > 15 && h < 18) {
        snapshot.task(TASK, OUTPOST, "IN_PROGRESS", "2026-11-20T15:00:00Z", null, false);
      } else if (h >= 18) {
        snapshot.task(TASK, OUTPOST, "COMPLETED", "2026-11-20T15:00:00Z", "2026-11-20T17:40:00Z", false);
      }
    }
    fixture.aliyunScope(POOL_OWNER, "cn-hangzhou").at("2026-11-20T00:00:00Z")
        .lists(pool(WEB_POOL, "cn-hangzhou-h", "ecs.g7.large").amounts(10, 6, 4))
        .resourceUsage(WEB_POOL, "cn-hangzhou-h", "ecs.g7.large", POOL_OWNER, 4)
        .resourceUsage(WEB_POOL, "cn-hangzhou-h", "ecs.g7.large", POOL_USER, 2)
        .lists(pool(BATCH_POOL, "cn-hangzhou-i", "ecs.c7.xlarge").amounts(4, 4, 0))
        .lists(pool(BATCH_POOL, "cn-hangzhou-j", "ecs.c7.xlarge").amounts(4, 1, 3))
        .resourceUsage(BATCH_POOL, "cn-hangzhou-i", "ecs.c7.xlarge", POOL_OWNER, 4)
        .resourceUsage(BATCH_POOL, "cn-hangzhou-j", "ecs.c7.xlarge", POOL_USER, 1)
        .lists(pool(ODD_POOL, "cn-hangzhou-h", "ecs.g7.large").amounts(4, 3, 2))
        .resourceUsage(ODD_POOL, "cn-hangzhou-h", "ecs.g7.large", POOL_OWNER, 2);
    return fixture;
  }

  private static Res pool(String poolId, String zone, String instanceType) {
    return Res.pool(poolId, POOL_OWNER, zone, instanceType).start("2026-11-01T00:00:00Z");
  }

  @BeforeAll
  static void computeMarts() {
    run = MartRun.of(fixture(), DAY, DAY, PRICES);
  }

  @Test
  void anOutpostIsOneReservationPerInstanceTypeWithTheSlotChangeMidDay() {
    // m5.xlarge: reserved 6 x 18 + 8 x 6 = 156, used 6 x 24 = 144, idle 12, x 0.25: 39, 36, 3
    Row m5 = run.reservation(OUTPOST + ":m5.xlarge", DAY);
    assertThat(List.of(m5.<String>getAs("provider"), m5.<String>getAs("reservation_kind"),
        m5.<String>getAs("pricing_model"), m5.<String>getAs("owner_account_id"),
        m5.<String>getAs("billing_owner_account_id"), m5.<String>getAs("region"), m5.<String>getAs("state")))
        .containsExactly("outposts", "outpost", "outpost", OWNER, OWNER, "us-east-1", "ACTIVE");
    assertHours(m5, "156", "144", "12");
    assertCosts(m5, "0.25", "39", "36", "3");
    assertThat(dec(m5, "unobserved_hours")).isEqualByComparingTo("0");
    // c5.2xlarge: reserved 6 x 18 + 4 x 6 = 132, used 2 x 24 = 48, idle 84, x 0.44: 58.08, 21.12, 36.96
    Row c5 = run.reservation(OUTPOST + ":c5.2xlarge", DAY);
    assertHours(c5, "132", "48", "84");
    assertCosts(c5, "0.44", "58.08", "21.12", "36.96");
  }

  @Test
  void outpostInstancesAreChargedBackToTheAccountsThatRunThem() {
    // m5.xlarge: 111 = 5 x 24 = 120 h -> 30.0; 222 = 24 h -> 6.0; c5.2xlarge: 111 = 48 h -> 21.12
    assertThat(run.accountUsageOf(OUTPOST + ":m5.xlarge"))
        .extracting(r -> r.<String>getAs("account_id"), r -> plain(dec(r, "used_instance_hours")),
            r -> plain(dec(r, "chargeback_cost")))
        .containsExactlyInAnyOrder(tuple(OWNER, "120", "30"), tuple("222222222222", "24", "6"));
    Row c5 = run.accountUsage(OUTPOST + ":c5.2xlarge", OWNER, DAY);
    assertThat(dec(c5, "used_instance_hours")).isEqualByComparingTo("48");
    assertThat(dec(c5, "chargeback_cost")).isEqualByComparingTo("21.12");
    assertThat(run.findings("unexplained-usage")).extracting(r -> r.<String>getAs("reservation_id"))
        .doesNotContain(OUTPOST + ":m5.xlarge", OUTPOST + ":c5.2xlarge");
  }

  @Test
  void moreInstancesThanSlotsAreCappedAndReported() {
    // r5.xlarge: 2 slots, 3 instances: reserved = used = 2 x 24 = 48, idle 0; 48 x 0.3 = 14.4
    Row r5 = run.reservation(OUTPOST + ":r5.xlarge", DAY);
    assertHours(r5, "48", "48", "0");
    assertCosts(r5, "0.3", "14.4", "14.4", "0");
    // the 1 instance beyond the slots, 24 h
    Row mismatch = finding("used-count-mismatch", OUTPOST + ":r5.xlarge");
    assertThat(dec(mismatch, "instance_hours")).isEqualByComparingTo("24");
    assertThat(mismatch.<String>getAs("account_id")).isEqualTo(OWNER);
    // claims 111:2 + 333:1 = 3 of 2 used: scaled by 2/3 to 32 h and 16 h (9.6 and 4.8)
    assertThat(dec(run.accountUsage(OUTPOST + ":r5.xlarge", OWNER, DAY), "chargeback_cost"))
        .isEqualByComparingTo("9.6");
    assertThat(dec(run.accountUsage(OUTPOST + ":r5.xlarge", "333333333333", DAY), "used_instance_hours"))
        .isEqualByComparingTo("16");
    assertThat(dec(finding("usage-exceeds-used", OUTPOST + ":r5.xlarge"), "instance_hours"))
        .isEqualByComparingTo("24");
  }

  @Test
  void aPoolWithOneResourceKeepsItsIdAndOneWithSeveralGetsARowPerResource() {
    assertThat(run.reservationDaily.stream().filter(r -> r.<String>getAs("provider").equals("aliyun"))
        .map(r -> r.<String>getAs("reservation_id")).sorted())
        .containsExactly(WEB_POOL, BATCH_POOL + ":cn-hangzhou-i:ecs.c7.xlarge",
            BATCH_POOL + ":cn-hangzhou-j:ecs.c7.xlarge", ODD_POOL);
    // web-pool: reserved 10 x 24 = 240, used 6 x 24 = 144, idle 96, x 0.69: 165.6, 99.36, 66.24
    Row web = run.reservation(WEB_POOL, DAY);
    assertThat(List.of(web.<String>getAs("reservation_kind"), web.<String>getAs("pricing_model"),
        web.<String>getAs("currency"), web.<String>getAs("availability_zone"), web.<String>getAs("state")))
        .containsExactly("private-pool", "on-demand", "CNY", "cn-hangzhou-h", "Active");
    assertHours(web, "240", "144", "96");
    assertCosts(web, "0.69", "165.6", "99.36", "66.24");
    // batch-pool, zone i: 4 of 4 used: 96, 96, 0, x 1.12: 107.52, 107.52, 0
    Row batchI = run.reservation(BATCH_POOL + ":cn-hangzhou-i:ecs.c7.xlarge", DAY);
    assertHours(batchI, "96", "96", "0");
    assertCosts(batchI, "1.12", "107.52", "107.52", "0");
    // zone j: 1 of 4 used: 96, 24, 72: 107.52, 26.88, 80.64
    Row batchJ = run.reservation(BATCH_POOL + ":cn-hangzhou-j:ecs.c7.xlarge", DAY);
    assertThat(batchJ.<String>getAs("availability_zone")).isEqualTo("cn-hangzhou-j");
    assertHours(batchJ, "96", "24", "72");
    assertCosts(batchJ, "1.12", "107.52", "26.88", "80.64");
  }

  @Test
  void poolUsageFollowsTheResourceItNames() {
    // web: 5123 = 4 x 24 = 96 h -> 66.24; 5987 = 48 h -> 33.12
    assertThat(dec(run.accountUsage(WEB_POOL, POOL_OWNER, DAY), "chargeback_cost")).isEqualByComparingTo("66.24");
    assertThat(dec(run.accountUsage(WEB_POOL, POOL_USER, DAY), "chargeback_cost")).isEqualByComparingTo("33.12");
    // batch i: 5123 only, 96 h -> 107.52; batch j: 5987 only, 24 h -> 26.88
    assertThat(run.accountUsageOf(BATCH_POOL + ":cn-hangzhou-i:ecs.c7.xlarge"))
        .extracting(r -> r.<String>getAs("account_id"), r -> plain(dec(r, "chargeback_cost")))
        .containsExactly(tuple(POOL_OWNER, "107.52"));
    assertThat(run.accountUsageOf(BATCH_POOL + ":cn-hangzhou-j:ecs.c7.xlarge"))
        .extracting(r -> r.<String>getAs("account_id"), r -> plain(dec(r, "chargeback_cost")))
        .containsExactly(tuple(POOL_USER, "26.88"));
    // every used hour of the sample's pools is explained
    assertThat(run.dataQuality).extracting(r -> r.<String>getAs("reservation_id"))
        .doesNotContain(WEB_POOL, BATCH_POOL + ":cn-hangzhou-i:ecs.c7.xlarge", BATCH_POOL + ":cn-hangzhou-j:ecs.c7.xlarge");
  }

  @Test
  void usedAmountThatDisagreesWithTheCountsIsReported() {
    // odd-pool: total 4, available 2 -> used 2; UsedAmount 3: 1 x 24 = 24 h
    Row odd = run.reservation(ODD_POOL, DAY);
    assertHours(odd, "96", "48", "48");
    assertThat(dec(finding("used-count-mismatch", ODD_POOL), "instance_hours")).isEqualByComparingTo("24");
  }

  @Test
  void accountsPayExactlyWhatTheOutpostsAndPoolsCost() {
    Marts marts = run.collected();
    List<Row> accounts = ReportQueries.accounts(marts.reservationDailyDF(), marts.accountUsageDailyDF()).collectAsList();
    // USD: 39 + 58.08 + 14.4 = 111.48; CNY: 165.6 + 107.52 x 2 + 66.24 (odd: 96 x 0.69) = 446.88
    assertThat(costs(accounts, "USD", "reserved_cost")).isEqualByComparingTo("111.48");
    assertThat(costs(accounts, "USD", "chargeback_cost").add(costs(accounts, "USD", "idle_cost")))
        .isEqualByComparingTo("111.48");
    assertThat(costs(accounts, "CNY", "reserved_cost")).isEqualByComparingTo("446.88");
    assertThat(costs(accounts, "CNY", "chargeback_cost").add(costs(accounts, "CNY", "idle_cost")))
        .isEqualByComparingTo("446.88");
    assertThat(accounts).extracting(r -> r.<String>getAs("provider")).containsOnly("aliyun", "outposts");
  }

  @Test
  void capacityTasksShowTheirLatestStateOfTheDay() {
    // the old task completed before the day and the dry run are left out
    assertThat(run.capacityTasks).extracting(r -> r.<String>getAs("capacity_task_id")).containsExactly(TASK);
    List<Row> report = ReportQueries.capacityTasks(run.collected().capacityTasksDF()).collectAsList();
    assertThat(List.of(report.get(0).schema().fieldNames())).isEqualTo(ReportQueries.CAPACITY_TASKS_COLUMNS);
    Row task = report.get(0);
    assertThat(List.of(task.<String>getAs("provider"), task.<String>getAs("account_id"),
        task.<String>getAs("outpost_id"), task.<String>getAs("status"), task.<String>getAs("requested_pools_json")))
        .containsExactly("outposts", OWNER, OUTPOST, "COMPLETED", "{\"m5.xlarge\":8,\"c5.2xlarge\":4}");
    // 15:00 to 17:40 = 2 h 40 min = 2.6666666667 h
    assertThat(dec(task, "duration_hours")).isEqualByComparingTo("2.6666666667");
    assertThat(task.<Object>getAs("observed_at").toString()).startsWith("2026-11-20 23:00:00");
  }

  private static Row finding(String check, String reservationId) {
    List<Row> rows = run.findings(check).stream()
        .filter(r -> Objects.equals(r.getAs("reservation_id"), reservationId)).toList();
    assertThat(rows).as("%s findings of %s", check, reservationId).hasSize(1);
    return rows.get(0);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal costs(List<Row> accounts, String currency, String column) {
    return accounts.stream().filter(r -> currency.equals(r.getAs("currency")))
        .map(r -> r.<BigDecimal>getAs(column)).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static void assertHours(Row row, String reserved, String used, String idle) {
    assertThat(dec(row, "reserved_instance_hours")).as("reserved").isEqualByComparingTo(reserved);
    assertThat(dec(row, "used_instance_hours")).as("used").isEqualByComparingTo(used);
    assertThat(dec(row, "idle_instance_hours")).as("idle").isEqualByComparingTo(idle);
  }

  private static void assertCosts(Row row, String rate, String reserved, String used, String idle) {
    assertThat(dec(row, "hourly_rate")).as("rate").isEqualByComparingTo(rate);
    assertThat(dec(row, "reserved_cost")).as("reserved_cost").isEqualByComparingTo(reserved);
    assertThat(dec(row, "used_cost")).as("used_cost").isEqualByComparingTo(used);
    assertThat(dec(row, "idle_cost")).as("idle_cost").isEqualByComparingTo(idle);
  }
}
