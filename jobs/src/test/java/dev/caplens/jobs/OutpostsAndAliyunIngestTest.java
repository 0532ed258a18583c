package dev.caplens.jobs;

import static dev.caplens.jobs.ParquetFiles.integer;
import static dev.caplens.jobs.ParquetFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.ApiCall;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Outposts (REST-JSON) and Alibaba ECS (RPC JSON) ingest through the real SDK clients, one item a page. */
class OutpostsAndAliyunIngestTest {

  /** 16:00 on the first day: the capacity task is in progress, slots still m5.xlarge 6 / c5.2xlarge 6. */
  static final Instant TASK_RUNNING = Instant.parse("2026-11-20T16:00:00Z");

  static SampleCloudServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() {
    server = SampleCloudServer.start(1);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.useSnapshot(TASK_RUNNING);
    server.injectFaults(FaultPlan.none());
  }

  @Test
  void outpostSlotsInstancesAndTheRunningCapacityTaskLandInSnapshots() throws Exception {
    RunManifest manifest = ingestOutposts();

    assertThat(manifest.failures()).isEmpty();
    Map<String, Integer> slots = ParquetFiles.rows(dir.resolve("snapshots/outpost_capacity")).stream()
        .collect(Collectors.toMap(g -> string(g, "instance_type"), g -> integer(g, "slot_count")));
    assertThat(slots).containsExactlyInAnyOrderEntriesOf(Map.of("m5.xlarge", 6, "c5.2xlarge", 6));
    Group slot = ParquetFiles.rows(dir.resolve("snapshots/outpost_capacity")).get(0);
    assertThat(string(slot, "outpost_id")).isEqualTo("op-0a11c0de000000001");
    assertThat(string(slot, "asset_id")).isEqualTo("1100000001");
    assertThat(string(slot, "asset_state")).isEqualTo("ACTIVE");
    assertThat(string(slot, "owner_account_id")).isEqualTo("111111111111");

    // m5.xlarge: 111 runs 5 and 222 runs 1; c5.2xlarge: 111 runs 2. One instance a page: 8 pages.
    Map<String, Long> byAccountAndType = ParquetFiles.rows(dir.resolve("snapshots/outpost_instances")).stream()
        .collect(Collectors.groupingBy(g -> string(g, "instance_account_id") + "/" + string(g, "instance_type"),
            Collectors.counting()));
    assertThat(byAccountAndType).containsExactlyInAnyOrderEntriesOf(Map.of(
        "111111111111/m5.xlarge", 5L, "222222222222/m5.xlarge", 1L, "111111111111/c5.2xlarge", 2L));

    List<Group> tasks = ParquetFiles.rows(dir.resolve("snapshots/capacity_tasks"));
    assertThat(tasks).singleElement().satisfies(task -> {
      assertThat(string(task, "capacity_task_id")).isEqualTo("cap-0a11c0de000000001");
      assertThat(string(task, "status")).isEqualTo("IN_PROGRESS");
      assertThat(string(task, "requested_pools_json")).isEqualTo("{\"m5.xlarge\":8,\"c5.2xlarge\":4}");
    });
    assertThat(ParquetFiles.files(dir.resolve("snapshots/outpost_capacity")))
        .allMatch(p -> p.toString().contains("provider=outposts"));
  }

  @Test
  void outpostsThrottlingIsRetried() throws Exception {
    server.injectFaults(call -> call.number() % 3 == 0
        ? java.util.Optional.of(Fault.throttlingException()) : java.util.Optional.empty());

    RunManifest manifest = ingestOutposts();

    assertThat(manifest.failures()).isEmpty();
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/outpost_instances"))).hasSize(8);
  }

  @Test
  void everyPoolAndAllocatedResourceIsReadOnceWithItsUsage() throws Exception {
    int before = server.calls().size();
    RunManifest manifest = ingestAliyun(AliyunRetry.withDelay(Duration.ofMillis(10)));

    assertThat(manifest.failures()).isEmpty();
    List<ApiCall> calls = server.calls().subList(before, server.calls().size());
    // One pool a page: two pages, then one instance listing per pool and page.
    assertThat(calls.stream().filter(c -> c.action().equals("DescribeCapacityReservations")).count()).isEqualTo(2);

    List<Group> rows = ParquetFiles.rows(dir.resolve("snapshots/reservations"));
    assertThat(rows).extracting(g -> string(g, "reservation_id") + "@" + string(g, "availability_zone"))
        .containsExactlyInAnyOrder("crp-bp1a11c0de0000001@cn-hangzhou-h", "crp-bp1a11c0de0000002@cn-hangzhou-i",
            "crp-bp1a11c0de0000002@cn-hangzhou-j");
    Group webPool = rows.stream().filter(g -> string(g, "availability_zone").equals("cn-hangzhou-h")).findFirst().orElseThrow();
    assertThat(integer(webPool, "total_instance_count")).isEqualTo(10);
    assertThat(integer(webPool, "available_instance_count")).isEqualTo(4);
    assertThat(integer(webPool, "reported_used_instance_count")).isEqualTo(6);
    assertThat(string(webPool, "state")).isEqualTo("Active");
    assertThat(string(webPool, "owner_account_id")).isEqualTo("5123456789012345");

    Map<String, Integer> usage = ParquetFiles.rows(dir.resolve("snapshots/reservation_usage")).stream()
        .filter(g -> string(g, "availability_zone").equals("cn-hangzhou-h"))
        .collect(Collectors.toMap(g -> string(g, "usage_account_id"), g -> integer(g, "used_instance_count")));
    assertThat(usage).containsExactlyInAnyOrderEntriesOf(Map.of("5123456789012345", 4, "5987654321098765", 2));

    Map<String, Integer> counted = ParquetFiles.rows(dir.resolve("snapshots/pool_instance_counts")).stream()
        .collect(Collectors.toMap(g -> string(g, "reservation_id"), g -> integer(g, "instance_count")));
    assertThat(counted).containsExactlyInAnyOrderEntriesOf(
        Map.of("crp-bp1a11c0de0000001", 6, "crp-bp1a11c0de0000002", 5));
  }

  @Test
  void aliyunThrottlingIsRetriedByCaplensAndAPersistentErrorFailsTheRegionByName() throws Exception {
    server.injectFaults(FaultPlan.firstRequests(2, Fault.aliyunThrottling()));
    RunManifest recovered = ingestAliyun(AliyunRetry.withDelay(Duration.ofMillis(10)));
    assertThat(recovered.failures()).isEmpty();
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/reservations"))).hasSize(3);

    server.injectFaults(FaultPlan.action(dev.caplens.sample.server.CloudService.ECS,
        "DescribeCapacityReservations", Fault.aliyunThrottling()));
    RunManifest failed = ingestAliyun(AliyunRetry.withDelay(Duration.ofMillis(10)));
    assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f.error())
        .contains("cn-hangzhou").contains("DescribeCapacityReservations").contains("Throttling"));
    // The earlier snapshot of that time is still there, untouched by the failed run.
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/reservations"))).hasSize(3)
        .extracting(g -> string(g, "run_id")).containsOnly(recovered.runId());
  }

  private RunManifest ingestOutposts() {
    var account = server.organisation().awsAccount(SampleOrganisation.PLATFORM_ACCOUNT);
    var clients = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
        server.endpoint(), server.endpoint(), server.endpoint(), 10);
    return AwsIngestJob.run(Warehouse.open(dir.toString()), clients, AwsIngestJob.Source.OUTPOSTS,
        List.of(AwsAccount.withDefaultCredentials(account.id())), List.of("us-east-1", "eu-west-1"),
        TASK_RUNNING, line -> { });
  }

  private RunManifest ingestAliyun(AliyunRetry retry) {
    AliyunAccount account = server.organisation().aliyunAccount();
    var clients = new DefaultAliyunClientFactory(account.accessKeyId(), account.accessKeySecret(), server.endpoint());
    return AliyunIngestJob.run(Warehouse.open(dir.toString()), clients, retry, account.id(),
        List.of("cn-hangzhou"), true, TASK_RUNNING, line -> { });
  }
}
