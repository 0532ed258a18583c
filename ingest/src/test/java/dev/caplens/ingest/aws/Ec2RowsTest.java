package dev.caplens.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.snapshot.CapacityBlockRow;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.UsageRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CapacityBlock;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InstanceUsage;
import software.amazon.awssdk.services.ec2.model.InterruptibleCapacityAllocation;
import software.amazon.awssdk.services.ec2.model.InterruptionInfo;
import software.amazon.awssdk.services.ec2.model.Tag;

class Ec2RowsTest {

  @Test
  void lendingSourceKeepsItsAllocation() {
    CapacityReservation source = CapacityReservation.builder()
        .capacityReservationId("cr-s").ownerId("111111111111").instanceType("r5.2xlarge")
        .instancePlatform("Linux/UNIX").availabilityZone("us-east-1a").state("active")
        .totalInstanceCount(8).availableInstanceCount(2).reservationType("default")
        .startDate(Instant.parse("2026-10-01T00:00:00Z")).endDateType("unlimited")
        .unusedReservationBillingOwnerId("333333333333")
        .interruptibleCapacityAllocation(InterruptibleCapacityAllocation.builder()
            .instanceCount(4).targetInstanceCount(5).status("active")
            .interruptibleCapacityReservationId("cr-i").build())
        .tags(Tag.builder().key("team").value("ml").build(), Tag.builder().key("Name").value("=cmd").build())
        .build();

    ReservationRow row = Ec2Rows.reservation(source);

    assertThat(row.reservationId()).isEqualTo("cr-s");
    assertThat(row.platform()).isEqualTo("Linux/UNIX");
    assertThat(row.billingOwnerAccountId()).isEqualTo("333333333333");
    assertThat(row.lentInstanceCount()).isEqualTo(4);
    assertThat(row.lentTargetInstanceCount()).isEqualTo(5);
    assertThat(row.lentStatus()).isEqualTo("active");
    assertThat(row.lentToReservationId()).isEqualTo("cr-i");
    assertThat(row.sourceReservationId()).isNull();
    assertThat(row.tagsJson()).isEqualTo("{\"team\":\"ml\",\"Name\":\"=cmd\"}");
    assertThat(row.usedInstanceCount()).isEqualTo(6);
    assertThat(Ec2ScopeReader.needsUsage(row)).isTrue();
  }

  @Test
  void interruptibleReservationPointsAtItsSource() {
    ReservationRow row = Ec2Rows.reservation(CapacityReservation.builder()
        .capacityReservationId("cr-i").interruptible(true).totalInstanceCount(4).availableInstanceCount(4)
        .interruptionInfo(InterruptionInfo.builder().sourceCapacityReservationId("cr-s").interruptionType("adhoc").build())
        .build());

    assertThat(row.interruptible()).isTrue();
    assertThat(row.sourceReservationId()).isEqualTo("cr-s");
    // Nothing in use, but a lending pair's usage is always read.
    assertThat(Ec2ScopeReader.needsUsage(row)).isTrue();
  }

  @Test
  void absentOptionalFieldsStayNullAndUnknownEnumsKeepTheirRawValue() {
    ReservationRow row = Ec2Rows.reservation(CapacityReservation.builder()
        .capacityReservationId("cr-x").state("hibernating").reservationType("future-type")
        .instancePlatform("Plan9").build());

    assertThat(row.state()).isEqualTo("hibernating");
    assertThat(row.reservationType()).isEqualTo("future-type");
    assertThat(row.platform()).isEqualTo("Plan9");
    assertThat(row.totalInstanceCount()).isNull();
    assertThat(row.availableInstanceCount()).isNull();
    assertThat(row.startDate()).isNull();
    assertThat(row.interruptible()).isNull();
    assertThat(row.lentInstanceCount()).isNull();
    assertThat(row.tagsJson()).isNull();
    assertThat(row.usedInstanceCount()).isZero();
    assertThat(Ec2ScopeReader.needsUsage(row)).isFalse();
  }

  @Test
  void usagePageBecomesOneRowPerAccount() {
    GetCapacityReservationUsageResponse page = GetCapacityReservationUsageResponse.builder()
        .capacityReservationId("cr-1")
        .instanceUsages(InstanceUsage.builder().accountId("111111111111").usedInstanceCount(4).build(),
            InstanceUsage.builder().accountId("222222222222").usedInstanceCount(2).build())
        .build();

    assertThat(Ec2Rows.usage("cr-1", page)).containsExactly(
        UsageRow.ec2("cr-1", "111111111111", 4), UsageRow.ec2("cr-1", "222222222222", 2));
    assertThat(Ec2Rows.usage("cr-1", GetCapacityReservationUsageResponse.builder().build())).isEmpty();
  }

  @Test
  void capacityBlockKeepsWindowAndReservationIds() {
    CapacityBlockRow row = Ec2Rows.capacityBlock(CapacityBlock.builder()
        .capacityBlockId("cb-1").ultraserverType("u-p6e-gb200x72").availabilityZone("us-east-1e")
        .startDate(Instant.parse("2026-11-20T11:00:00Z")).endDate(Instant.parse("2026-11-21T11:00:00Z"))
        .state("active").capacityReservationIds(List.of("cr-5", "cr-6")).build());

    assertThat(row.capacityBlockId()).isEqualTo("cb-1");
    assertThat(row.ultraserverType()).isEqualTo("u-p6e-gb200x72");
    assertThat(row.startDate()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    assertThat(row.state()).isEqualTo("active");
    assertThat(row.reservationIdsJson()).isEqualTo("[\"cr-5\",\"cr-6\"]");
    assertThat(row.tagsJson()).isNull();
  }
}
