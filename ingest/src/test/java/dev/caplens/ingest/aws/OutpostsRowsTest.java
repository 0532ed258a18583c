package dev.caplens.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.snapshot.CapacityTaskRow;
import dev.caplens.ingest.snapshot.OutpostCapacityRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.outposts.model.AssetInfo;
import software.amazon.awssdk.services.outposts.model.AssetInstance;
import software.amazon.awssdk.services.outposts.model.AssetInstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.CapacityTaskFailure;
import software.amazon.awssdk.services.outposts.model.CapacityTaskSummary;
import software.amazon.awssdk.services.outposts.model.ComputeAttributes;
import software.amazon.awssdk.services.outposts.model.GetCapacityTaskResponse;
import software.amazon.awssdk.services.outposts.model.InstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.Outpost;

class OutpostsRowsTest {

  private static final Outpost OUTPOST = Outpost.builder().outpostId("op-1").name("lab").ownerId("111111111111")
      .availabilityZone("us-east-1a").lifeCycleStatus("ACTIVE").build();

  @Test
  void oneSlotRowPerInstanceTypeOfAComputeAsset() {
    AssetInfo asset = AssetInfo.builder().assetId("1100000001").computeAttributes(ComputeAttributes.builder()
        .state("ISOLATED_NEW_STATE")
        .instanceTypeCapacities(AssetInstanceTypeCapacity.builder().instanceType("m5.xlarge").count(8).build(),
            AssetInstanceTypeCapacity.builder().instanceType("c5.2xlarge").count(4).build())
        .build()).build();

    assertThat(OutpostsRows.capacity(OUTPOST, asset)).containsExactly(
        new OutpostCapacityRow("op-1", "lab", "111111111111", "us-east-1a", "ACTIVE", "1100000001",
            "ISOLATED_NEW_STATE", "m5.xlarge", 8),
        new OutpostCapacityRow("op-1", "lab", "111111111111", "us-east-1a", "ACTIVE", "1100000001",
            "ISOLATED_NEW_STATE", "c5.2xlarge", 4));
  }

  @Test
  void anAssetWithoutComputeAttributesHasNoSlots() {
    assertThat(OutpostsRows.capacity(OUTPOST, AssetInfo.builder().assetId("storage-1").build())).isEmpty();
  }

  @Test
  void instanceKeepsItsAccount() {
    var row = OutpostsRows.instance("op-1", AssetInstance.builder().instanceId("i-1").instanceType("m5.xlarge")
        .assetId("1100000001").accountId("222222222222").awsServiceName("EC2").build());
    assertThat(row.instanceAccountId()).isEqualTo("222222222222");
    assertThat(row.awsService()).isEqualTo("EC2");
  }

  @Test
  void taskDetailsCarryPoolsAndFailure() {
    CapacityTaskRow row = OutpostsRows.task(GetCapacityTaskResponse.builder().capacityTaskId("cap-1")
        .outpostId("op-1").capacityTaskStatus("FAILED")
        .requestedInstancePools(InstanceTypeCapacity.builder().instanceType("m5.xlarge").count(8).build())
        .failed(CapacityTaskFailure.builder().type("UNSUPPORTED_CAPACITY_CONFIGURATION").reason("no room").build())
        .creationDate(Instant.parse("2026-11-20T15:00:00Z")).build());

    assertThat(row.status()).isEqualTo("FAILED");
    assertThat(row.requestedPoolsJson()).isEqualTo("{\"m5.xlarge\":8}");
    assertThat(row.failureType()).isEqualTo("UNSUPPORTED_CAPACITY_CONFIGURATION");
    assertThat(row.failureReason()).isEqualTo("no room");

    CapacityTaskRow summary = OutpostsRows.task(CapacityTaskSummary.builder().capacityTaskId("cap-2")
        .capacityTaskStatus("COMPLETED").build());
    assertThat(summary.requestedPoolsJson()).isNull();
    assertThat(summary.failureType()).isNull();
  }

  @Test
  void onlyRunningOrRecentlyChangedTasksAreReadInFull() {
    Instant now = Instant.parse("2026-11-22T00:00:00Z");
    CapacityTaskSummary running = CapacityTaskSummary.builder().capacityTaskStatus("IN_PROGRESS")
        .lastModifiedDate(Instant.parse("2026-10-01T00:00:00Z")).build();
    CapacityTaskSummary recent = CapacityTaskSummary.builder().capacityTaskStatus("COMPLETED")
        .lastModifiedDate(Instant.parse("2026-11-20T17:40:00Z")).build();
    CapacityTaskSummary old = CapacityTaskSummary.builder().capacityTaskStatus("COMPLETED")
        .lastModifiedDate(Instant.parse("2026-11-19T23:59:59Z")).build();
    CapacityTaskSummary unknownStatus = CapacityTaskSummary.builder().capacityTaskStatus("PAUSED")
        .lastModifiedDate(Instant.parse("2026-01-01T00:00:00Z")).build();

    assertThat(OutpostsScopeReader.needsDetails(running, now)).isTrue();
    assertThat(OutpostsScopeReader.needsDetails(recent, now)).isTrue();
    assertThat(OutpostsScopeReader.needsDetails(old, now)).isFalse();
    assertThat(OutpostsScopeReader.needsDetails(unknownStatus, now)).isTrue();
  }
}
