package dev.caplens.transform;

import static dev.caplens.transform.MartRun.dec;
import static dev.caplens.transform.SnapshotFixture.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.transform.SnapshotFixture.Res;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alibaba private pools: one reservation per allocated resource when a pool has several. */
class AlibabaPoolTest {

  static final String OWNER = "5123456789012345";
  static final String OTHER = "5987654321098765";
  private static MartRun run;

  /**
   * On 2026-11-20, hourly: pool crp-1 has one resource (cn-hangzhou-h, ecs.g7.large, total 10,
   * available 4; OWNER uses 4, OTHER 2). Pool crp-2 has two: cn-hangzhou-i (total 4, available 0,
   * OWNER uses 4) and cn-hangzhou-j (total 4, available 3, OTHER uses 1), both ecs.c7.xlarge.
   */
  @BeforeAll
  static void computeMarts() {
    SnapshotFixture fixture = new SnapshotFixture();
    var scope = fixture.aliyunScope(OWNER, "cn-hangzhou");
    Res web = Res.poolResource("crp-1", OWNER, "cn-hangzhou-h", "ecs.g7.large").counts(10, 4);
    Res batchI = Res.poolResource("crp-2", OWNER, "cn-hangzhou-i", "ecs.c7.xlarge").counts(4, 0);
    Res batchJ = Res.poolResource("crp-2", OWNER, "cn-hangzhou-j", "ecs.c7.xlarge").counts(4, 3);
    for (String hour : hourly("2026-11-20T00:00:00Z", 24)) {
      scope.at(hour).lists(web).lists(batchI).lists(batchJ)
          .resourceUsage("crp-1", "cn-hangzhou-h", "ecs.g7.large", OWNER, 4)
          .resourceUsage("crp-1", "cn-hangzhou-h", "ecs.g7.large", OTHER, 2)
          .resourceUsage("crp-2", "cn-hangzhou-i", "ecs.c7.xlarge", OWNER, 4)
          .resourceUsage("crp-2", "cn-hangzhou-j", "ecs.c7.xlarge", OTHER, 1);
    }
    run = MartRun.of(fixture, "2026-11-20", "2026-11-20",
        "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY",
        "aliyun,cn-hangzhou,ecs.c7.xlarge,*,on-demand,1.12,CNY");
  }

  @Test
  void aSingleResourcePoolKeepsItsIdAndItsUsage() {
    Row web = run.reservation("crp-1", "2026-11-20");
    // reserved 10 x 24 = 240; used 6 x 24 = 144; idle 96; cost 240 x 0.69 = 165.6; idle 96 x 0.69 = 66.24
    assertThat(web.<String>getAs("reservation_kind")).isEqualTo("private-pool");
    assertThat(dec(web, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(web, "used_instance_hours")).isEqualByComparingTo("144");
    assertThat(dec(web, "reserved_cost")).isEqualByComparingTo("165.6");
    assertThat(dec(web, "idle_cost")).isEqualByComparingTo("66.24");
    assertThat(web.<String>getAs("currency")).isEqualTo("CNY");
    // OTHER: 2 x 24 = 48 h x 0.69 = 33.12
    assertThat(dec(run.accountUsage("crp-1", OTHER, "2026-11-20"), "chargeback_cost")).isEqualByComparingTo("33.12");
  }

  @Test
  void aPoolWithTwoResourcesGetsOneRowPerResource() {
    // i: reserved 96, used 96, cost 107.52; j: reserved 96, used 24, idle 72, idle cost 80.64
    Row zoneI = run.reservation("crp-2:cn-hangzhou-i:ecs.c7.xlarge", "2026-11-20");
    Row zoneJ = run.reservation("crp-2:cn-hangzhou-j:ecs.c7.xlarge", "2026-11-20");
    assertThat(dec(zoneI, "reserved_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(zoneI, "used_instance_hours")).isEqualByComparingTo("96");
    assertThat(dec(zoneI, "reserved_cost")).isEqualByComparingTo("107.52");
    assertThat(dec(zoneJ, "used_instance_hours")).isEqualByComparingTo("24");
    assertThat(dec(zoneJ, "idle_cost")).isEqualByComparingTo("80.64");
    assertThat(zoneJ.<String>getAs("availability_zone")).isEqualTo("cn-hangzhou-j");
    // Each resource's usage is charged to the account that used that resource.
    assertThat(dec(run.accountUsage("crp-2:cn-hangzhou-j:ecs.c7.xlarge", OTHER, "2026-11-20"), "chargeback_cost"))
        .isEqualByComparingTo("26.88");
    assertThat(run.accountUsageOf("crp-2:cn-hangzhou-i:ecs.c7.xlarge")).hasSize(1);
    assertThat(run.dataQuality).isEmpty();
  }
}
