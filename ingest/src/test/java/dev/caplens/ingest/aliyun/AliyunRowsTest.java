package dev.caplens.ingest.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.UsageRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliyunRowsTest {

  /** A reply body as ECS sends it; note the allocated resource's lower-case "zoneId". */
  private static final String TWO_ZONE_POOL = """
      {"RequestId":"r-1","NextToken":"","TotalCount":1,"MaxResults":100,
       "CapacityReservationSet":{"CapacityReservationItem":[{
         "PrivatePoolOptionsId":"crp-2","PrivatePoolOptionsName":"batch","PrivatePoolOptionsMatchCriteria":"Open",
         "CapacityReservationOwnerId":"5123456789012345","Status":"Active","Platform":"linux",
         "InstanceChargeType":"PostPaid","StartTime":"2026-11-01T00:00Z","EndTime":"","EndTimeType":"Unlimited",
         "RegionId":"cn-hangzhou","ResourceGroupId":"rg-1",
         "Tags":{"Tag":[{"TagKey":"team","TagValue":"=1+1"}]},
         "AllocatedResources":{"AllocatedResource":[
           {"InstanceType":"ecs.c7.xlarge","zoneId":"cn-hangzhou-i","TotalAmount":4,"UsedAmount":4,"AvailableAmount":0,
            "CapacityReservationUsages":{"CapacityReservationUsage":[{"AccountId":"5123456789012345","ServiceName":"ecs","UsedAmount":4}]}},
           {"InstanceType":"ecs.c7.xlarge","zoneId":"cn-hangzhou-j","TotalAmount":4,"UsedAmount":1,"AvailableAmount":3,
            "CapacityReservationUsages":{"CapacityReservationUsage":[{"AccountId":"5987654321098765","UsedAmount":1}]}}]}}]}}
      """;

  @Test
  void poolWithTwoResourcesGivesTwoRowsWithTheirZones() throws Exception {
    var pool = body(TWO_ZONE_POOL).getCapacityReservationSet().getCapacityReservationItem().get(0);

    List<ReservationRow> rows = AliyunRows.reservations(pool);

    assertThat(rows).hasSize(2);
    ReservationRow first = rows.get(0);
    assertThat(first.reservationId()).isEqualTo("crp-2");
    assertThat(first.availabilityZone()).isEqualTo("cn-hangzhou-i");
    assertThat(first.instanceType()).isEqualTo("ecs.c7.xlarge");
    assertThat(first.ownerAccountId()).isEqualTo("5123456789012345");
    assertThat(first.state()).isEqualTo("Active");
    assertThat(first.totalInstanceCount()).isEqualTo(4);
    assertThat(first.availableInstanceCount()).isZero();
    assertThat(first.reportedUsedInstanceCount()).isEqualTo(4);
    assertThat(first.startDate()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(first.endDate()).isNull();
    assertThat(first.endDateType()).isEqualTo("Unlimited");
    assertThat(first.reservationName()).isEqualTo("batch");
    assertThat(first.chargeType()).isEqualTo("PostPaid");
    assertThat(first.resourceGroupId()).isEqualTo("rg-1");
    assertThat(first.instanceMatchCriteria()).isEqualTo("Open");
    assertThat(first.tagsJson()).isEqualTo("{\"team\":\"=1+1\"}");
    assertThat(rows.get(1).availabilityZone()).isEqualTo("cn-hangzhou-j");
    assertThat(rows.get(1).availableInstanceCount()).isEqualTo(3);

    assertThat(AliyunRows.usage(pool)).containsExactly(
        new UsageRow("crp-2", "5123456789012345", 4, "cn-hangzhou-i", "ecs.c7.xlarge", "ecs"),
        new UsageRow("crp-2", "5987654321098765", 1, "cn-hangzhou-j", "ecs.c7.xlarge", null));
  }

  @Test
  void unreadableTimeNamesThePoolAndField() throws Exception {
    var pool = body(TWO_ZONE_POOL.replace("2026-11-01T00:00Z", "yesterday"))
        .getCapacityReservationSet().getCapacityReservationItem().get(0);
    assertThatThrownBy(() -> AliyunRows.reservations(pool))
        .hasMessageContaining("crp-2").hasMessageContaining("StartTime").hasMessageContaining("yesterday");
  }

  @Test
  void acceptsTimesWithSecondsAndOffsets() throws Exception {
    var pool = body(TWO_ZONE_POOL.replace("2026-11-01T00:00Z", "2026-11-01T08:00:30+08:00"))
        .getCapacityReservationSet().getCapacityReservationItem().get(0);
    assertThat(AliyunRows.reservations(pool).get(0).startDate()).isEqualTo(Instant.parse("2026-11-01T00:00:30Z"));
  }

  @Test
  void throttlingWaitsIntoTheNextMinute() {
    assertThat(AliyunRetry.untilNextMinute(Instant.parse("2026-11-20T10:15:42.500Z")))
        .isEqualTo(java.time.Duration.ofMillis(17_500 + 1_000));
    assertThat(AliyunRetry.untilNextMinute(Instant.parse("2026-11-20T10:15:00Z")))
        .isEqualTo(java.time.Duration.ofSeconds(61));
  }

  @SuppressWarnings("unchecked")
  private static DescribeCapacityReservationsResponseBody body(String json) throws Exception {
    Map<String, Object> map = new ObjectMapper().readValue(json, Map.class);
    return DescribeCapacityReservationsResponseBody.build(map);
  }
}
