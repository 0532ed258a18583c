package dev.caplens.sample.server;

import static dev.caplens.sample.SampleOrganisation.EU_WEST_1;
import static dev.caplens.sample.SampleOrganisation.ML_RESEARCH_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.PLATFORM_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.outposts.OutpostsClient;
import software.amazon.awssdk.services.outposts.model.AssetInfo;
import software.amazon.awssdk.services.outposts.model.AssetInstance;
import software.amazon.awssdk.services.outposts.model.AssetInstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.CapacityTaskSummary;
import software.amazon.awssdk.services.outposts.model.GetCapacityTaskResponse;
import software.amazon.awssdk.services.outposts.model.InstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.ListAssetInstancesResponse;
import software.amazon.awssdk.services.outposts.model.Outpost;
import software.amazon.awssdk.services.outposts.model.OutpostsException;

/** The Outposts replies read back through the real AWS SDK v2 Outposts client. */
class OutpostsWireTest {

  private static final String OUTPOST = "op-0a11c0de000000001";
  private static final String TASK = "cap-0a11c0de000000001";

  private final SampleOrganisation org = new SampleOrganisation();
  private SampleCloudServer server;
  private OutpostsClient outposts;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(2);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
    outposts = SdkClients.outposts(server, org.demoAccount(), US_EAST_1);
  }

  @AfterEach
  void stop() {
    outposts.close();
    server.close();
  }

  @Test
  void listOutpostsParsesEveryField() {
    List<Outpost> listed = outposts.listOutpostsPaginator(r -> {}).outposts().stream().toList();

    assertThat(listed).hasSize(1);
    Outpost outpost = listed.get(0);
    assertThat(outpost.outpostId()).isEqualTo(OUTPOST);
    assertThat(outpost.ownerId()).isEqualTo(PLATFORM_ACCOUNT);
    assertThat(outpost.outpostArn()).isEqualTo("arn:aws:outposts:us-east-1:111111111111:outpost/" + OUTPOST);
    assertThat(outpost.siteId()).isEqualTo("os-0a11c0de000000001");
    assertThat(outpost.siteArn()).isEqualTo("arn:aws:outposts:us-east-1:111111111111:site/os-0a11c0de000000001");
    assertThat(outpost.name()).isEqualTo("site-frankfurt-lab");
    assertThat(outpost.description()).isEqualTo("Lab rack for latency tests");
    assertThat(outpost.lifeCycleStatus()).isEqualTo("ACTIVE");
    assertThat(outpost.availabilityZone()).isEqualTo("us-east-1a");
    assertThat(outpost.availabilityZoneId()).isEqualTo("use1-az4");
    assertThat(outpost.tags()).isEqualTo(Map.of("team", "platform"));
    assertThat(outpost.supportedHardwareTypeAsString()).isEqualTo("RACK");
  }

  @Test
  void listAssetsShowsTheSlotsBeforeAndAfterTheCapacityTask() {
    AssetInfo before = outposts.listAssets(r -> r.outpostIdentifier(OUTPOST)).assets().get(0);
    assertThat(before.assetId()).isEqualTo("1100000001");
    assertThat(before.rackId()).isEqualTo("NA0A11C0DE1");
    assertThat(before.assetTypeAsString()).isEqualTo("COMPUTE");
    assertThat(before.computeAttributes().hostId()).isEqualTo("h-0a11c0de000000001");
    assertThat(before.computeAttributes().stateAsString()).isEqualTo("ACTIVE");
    assertThat(before.computeAttributes().instanceFamilies()).containsExactly("m5", "c5");
    assertThat(before.computeAttributes().maxVcpus()).isEqualTo(96);
    assertThat(before.assetLocation().rackElevation()).isEqualTo(10f);
    assertThat(before.computeAttributes().instanceTypeCapacities())
        .extracting(AssetInstanceTypeCapacity::instanceType, AssetInstanceTypeCapacity::count)
        .containsExactly(tuple("m5.xlarge", 6), tuple("c5.2xlarge", 6));

    server.useSnapshot(Instant.parse("2026-11-20T18:00:00Z"));
    AssetInfo after = outposts.listAssets(r -> r.outpostIdentifier(OUTPOST)).assets().get(0);
    assertThat(after.computeAttributes().instanceTypeCapacities())
        .extracting(AssetInstanceTypeCapacity::instanceType, AssetInstanceTypeCapacity::count)
        .containsExactly(tuple("m5.xlarge", 8), tuple("c5.2xlarge", 4));
  }

  @Test
  void assetInstancesArePagedAndEachIsReadOnce() {
    List<ListAssetInstancesResponse> pages = new ArrayList<>();
    outposts.listAssetInstancesPaginator(r -> r.outpostIdentifier(OUTPOST)).forEach(pages::add);

    assertThat(pages).extracting(p -> p.assetInstances().size()).containsExactly(2, 2, 2, 2);
    assertThat(pages.get(0).nextToken()).matches("\\d+##\\S+");
    List<AssetInstance> instances = pages.stream().flatMap(p -> p.assetInstances().stream()).toList();
    assertThat(instances).extracting(AssetInstance::instanceId).doesNotHaveDuplicates();
    assertThat(instances).extracting(AssetInstance::instanceType, AssetInstance::accountId)
        .containsExactly(
            tuple("m5.xlarge", PLATFORM_ACCOUNT), tuple("m5.xlarge", PLATFORM_ACCOUNT),
            tuple("m5.xlarge", PLATFORM_ACCOUNT), tuple("m5.xlarge", PLATFORM_ACCOUNT),
            tuple("m5.xlarge", PLATFORM_ACCOUNT), tuple("m5.xlarge", ML_RESEARCH_ACCOUNT),
            tuple("c5.2xlarge", PLATFORM_ACCOUNT), tuple("c5.2xlarge", PLATFORM_ACCOUNT));
    assertThat(instances).allSatisfy(i -> {
      assertThat(i.assetId()).isEqualTo("1100000001");
      assertThat(i.awsServiceNameAsString()).isEqualTo("EC2");
      assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
    });
  }

  @Test
  void filtersNarrowAssetInstances() {
    assertThat(outposts.listAssetInstancesPaginator(r -> r.outpostIdentifier(OUTPOST).accountIdFilter(ML_RESEARCH_ACCOUNT))
            .assetInstances())
        .extracting(AssetInstance::instanceType)
        .containsExactly("m5.xlarge");
  }

  @Test
  void capacityTaskMovesFromRequestedToCompleted() {
    server.useSnapshot(Instant.parse("2026-11-20T14:00:00Z"));
    assertThat(outposts.listCapacityTasks(r -> {}).capacityTasks()).isEmpty();

    assertThat(taskStatusAt("2026-11-20T15:00:00Z")).isEqualTo("REQUESTED");
    assertThat(taskStatusAt("2026-11-20T16:00:00Z")).isEqualTo("IN_PROGRESS");
    assertThat(taskStatusAt("2026-11-20T17:00:00Z")).isEqualTo("IN_PROGRESS");
    assertThat(taskStatusAt("2026-11-20T18:00:00Z")).isEqualTo("COMPLETED");

    CapacityTaskSummary summary = outposts.listCapacityTasks(r -> r.outpostIdentifierFilter(OUTPOST)).capacityTasks().get(0);
    assertThat(summary.capacityTaskId()).isEqualTo(TASK);
    assertThat(summary.outpostId()).isEqualTo(OUTPOST);
    assertThat(summary.assetId()).isEqualTo("1100000001");
    assertThat(summary.creationDate()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
    assertThat(summary.completionDate()).isEqualTo(Instant.parse("2026-11-20T17:40:00Z"));
    assertThat(summary.lastModifiedDate()).isEqualTo(Instant.parse("2026-11-20T17:40:00Z"));

    GetCapacityTaskResponse task = outposts.getCapacityTask(r -> r.outpostIdentifier(OUTPOST).capacityTaskId(TASK));
    assertThat(task.capacityTaskStatusAsString()).isEqualTo("COMPLETED");
    assertThat(task.requestedInstancePools()).extracting(InstanceTypeCapacity::instanceType, InstanceTypeCapacity::count)
        .containsExactly(tuple("m5.xlarge", 8), tuple("c5.2xlarge", 4));
    assertThat(task.dryRun()).isFalse();
    assertThat(task.creationDate()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
    assertThat(task.completionDate()).isEqualTo(Instant.parse("2026-11-20T17:40:00Z"));
    assertThat(task.taskActionOnBlockingInstancesAsString()).isEqualTo("WAIT_FOR_EVACUATION");
    assertThat(task.assetId()).isEqualTo("1100000001");
  }

  @Test
  void anOutpostArnIdentifiesTheOutpostToo() {
    String arn = "arn:aws:outposts:us-east-1:111111111111:outpost/" + OUTPOST;
    assertThat(outposts.listAssets(r -> r.outpostIdentifier(arn)).assets()).hasSize(1);
  }

  @Test
  void otherAccountsAndRegionsHaveNoOutposts() {
    try (OutpostsClient euWest = SdkClients.outposts(server, org.demoAccount(), EU_WEST_1);
         OutpostsClient mlResearch = SdkClients.outposts(server, org.awsAccount(ML_RESEARCH_ACCOUNT), US_EAST_1)) {
      assertThat(euWest.listOutposts(r -> {}).outposts()).isEmpty();
      assertThat(mlResearch.listOutposts(r -> {}).outposts()).isEmpty();
      assertThat(mlResearch.listCapacityTasks(r -> {}).capacityTasks()).isEmpty();
      assertThatThrownBy(() -> mlResearch.listAssets(r -> r.outpostIdentifier(OUTPOST)))
          .isInstanceOfSatisfying(OutpostsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
          });
    }
  }

  @Test
  void badTokensAndUnknownTasksAreErrors() {
    assertThatThrownBy(() -> outposts.listAssetInstances(r -> r.outpostIdentifier(OUTPOST).nextToken("2##forged")))
        .isInstanceOfSatisfying(OutpostsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        });
    assertThatThrownBy(() -> outposts.getCapacityTask(r -> r.outpostIdentifier(OUTPOST).capacityTaskId("cap-0a11c0de000000009")))
        .isInstanceOfSatisfying(OutpostsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
        });
  }

  @Test
  void throttlingReachesTheClient() {
    server.injectFaults(FaultPlan.action(CloudService.OUTPOSTS, "ListAssets", Fault.throttlingException()));

    assertThat(outposts.listOutposts(r -> {}).outposts()).hasSize(1);
    assertThatThrownBy(() -> outposts.listAssets(r -> r.outpostIdentifier(OUTPOST)))
        .isInstanceOfSatisfying(OutpostsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.isThrottlingException()).isTrue();
        });
    assertThat(server.calls()).extracting(ApiCall::service, ApiCall::action, ApiCall::region)
        .containsExactly(tuple(CloudService.OUTPOSTS, "ListOutposts", US_EAST_1),
            tuple(CloudService.OUTPOSTS, "ListAssets", US_EAST_1));
  }

  private String taskStatusAt(String snapshot) {
    server.useSnapshot(Instant.parse(snapshot));
    List<CapacityTaskSummary> tasks = outposts.listCapacityTasks(r -> {}).capacityTasks();
    assertThat(tasks).hasSize(1);
    String status = tasks.get(0).capacityTaskStatusAsString();
    assertThat(outposts.getCapacityTask(r -> r.outpostIdentifier(OUTPOST).capacityTaskId(TASK)).capacityTaskStatusAsString())
        .isEqualTo(status);
    return status;
  }
}
