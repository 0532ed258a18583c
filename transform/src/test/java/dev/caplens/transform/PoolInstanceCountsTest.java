package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.transform.SnapshotFixture.Res;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The DescribeCapacityReservationInstances cross-check against UsedAmount. */
class PoolInstanceCountsTest {

  private static final String OWNER = "5123456789012345";

  private static Res pool(String poolId, String zone) {
    return Res.pool(poolId, OWNER, zone, "ecs.c7.xlarge").start("2026-11-01T00:00:00Z");
  }

  @Test
  void aPoolWhoseInstancesDifferFromItsUsedAmountIsOneFindingPerDay() {
    SnapshotFixture fixture = new SnapshotFixture();
    var scope = fixture.aliyunScope(OWNER, "cn-hangzhou");
    // crp-2 has two resources, UsedAmount 4 + 1 = 5: 5 instances at 00:00 agree, 3 at 06:00 and 12:00 do not.
    for (String time : List.of("2026-11-20T00:00:00Z", "2026-11-20T06:00:00Z", "2026-11-20T12:00:00Z")) {
      scope.at(time)
          .lists(pool("crp-2", "cn-hangzhou-i").amounts(4, 4, 0))
          .lists(pool("crp-2", "cn-hangzhou-j").amounts(4, 1, 3))
          .poolInstances("crp-2", time.startsWith("2026-11-20T00") ? 5 : 3)
          .lists(pool("crp-1", "cn-hangzhou-h").amounts(10, 6, 4))
          .poolInstances("crp-1", 6);
    }

    MartRun run = MartRun.of(fixture, "2026-11-20", "2026-11-20", "aliyun,cn-hangzhou,ecs.c7.xlarge,*,on-demand,1.12,CNY");

    List<Row> findings = run.findings("pool-instance-count-mismatch");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.<String>getAs("reservation_id")).isEqualTo("crp-2");
      assertThat(f.<String>getAs("account_id")).isEqualTo(OWNER);
      assertThat(f.<String>getAs("provider")).isEqualTo("aliyun");
      assertThat(f.<String>getAs("detail")).isEqualTo("DescribeCapacityReservationInstances lists 3 instances in the pool "
          + "but its UsedAmount sums to 5; used counted as total - available (2 observation(s) from 2026-11-20T06:00:00Z)");
      assertThat(f.<Object>getAs("instance_hours")).isNull();
    });
    // The counts the marts use are total - available whatever the cross-check says: 5 used x 24 h.
    assertThat(run.reservation("crp-2:cn-hangzhou-i:ecs.c7.xlarge", "2026-11-20").<java.math.BigDecimal>getAs(
        "used_instance_hours").add(run.reservation("crp-2:cn-hangzhou-j:ecs.c7.xlarge", "2026-11-20")
        .<java.math.BigDecimal>getAs("used_instance_hours"))).isEqualByComparingTo("120");
  }
}
