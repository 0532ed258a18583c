package dev.caplens.jobs;

import static dev.caplens.jobs.ParquetFiles.integer;
import static dev.caplens.jobs.ParquetFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.ApiCall;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * EC2 ingest through the real AWS SDK v2 client against the sample server speaking the EC2 Query
 * protocol, with two items a page so every listing takes several pages.
 */
class Ec2IngestTest {

  /** 13:00 UTC on the first day: business hours, lending active, the capacity block inside its window. */
  static final Instant AT = Instant.parse("2026-11-20T13:00:00Z");
  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

  static SampleCloudServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() {
    server = SampleCloudServer.start(2);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.useSnapshot(AT);
    server.injectFaults(FaultPlan.none());
  }

  @Test
  void everyReservationIsReadOnceAcrossSeveralPagesWithItsNestedFields() throws Exception {
    int before = server.calls().size();
    RunManifest manifest = ingest(3);
    List<ApiCall> calls = server.calls().subList(before, server.calls().size());

    assertThat(manifest.failures()).isEmpty();
    assertThat(manifest.scopes()).extracting(RunManifest.ScopeOutcome::status).containsOnly("published");
    // us-east-1 lists cr-1..cr-5: three pages of at most two.
    assertThat(calls.stream().filter(c -> c.action().equals("DescribeCapacityReservations")
        && c.region().equals("us-east-1")).count()).isEqualTo(3);

    Map<String, Group> byId = reservationsById();
    assertThat(byId.keySet()).containsExactlyInAnyOrder(
        "cr-0a11c0de000000001", "cr-0a11c0de000000002", "cr-0a11c0de000000003", "cr-0a11c0de000000004",
        "cr-0a11c0de000000005", "cr-0e11c0de000000006", "cr-0e11c0de000000007");
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/reservations"))).hasSize(7);

    Group shared = byId.get("cr-0a11c0de000000001");
    assertThat(string(shared, "owner_account_id")).isEqualTo("111111111111");
    assertThat(integer(shared, "total_instance_count")).isEqualTo(10);
    assertThat(integer(shared, "available_instance_count")).isEqualTo(2);
    assertThat(string(shared, "platform")).isEqualTo("Linux/UNIX");
    assertThat(string(shared, "state")).isEqualTo("active");
    assertThat(string(shared, "tags_json")).contains("\"team\":\"platform\"");

    assertThat(string(byId.get("cr-0a11c0de000000002"), "billing_owner_account_id")).isEqualTo("333333333333");

    Group source = byId.get("cr-0a11c0de000000003");
    assertThat(integer(source, "lent_instance_count")).isEqualTo(4);
    assertThat(string(source, "lent_to_reservation_id")).isEqualTo("cr-0a11c0de000000004");
    assertThat(string(source, "lent_status")).isEqualTo("active");

    Group interruptible = byId.get("cr-0a11c0de000000004");
    assertThat(interruptible.getBoolean("interruptible", 0)).isTrue();
    assertThat(string(interruptible, "source_reservation_id")).isEqualTo("cr-0a11c0de000000003");

    Group block = byId.get("cr-0a11c0de000000005");
    assertThat(string(block, "reservation_type")).isEqualTo("capacity-block");
    assertThat(string(block, "capacity_block_id")).isEqualTo("cb-0a11c0de000000001");
    assertThat(block.getLong("start_date", 0)).isEqualTo(Instant.parse("2026-11-20T11:00:00Z").toEpochMilli() * 1000);
    assertThat(block.getLong("end_date", 0)).isEqualTo(Instant.parse("2026-11-21T11:00:00Z").toEpochMilli() * 1000);

    // Per-account usage: 111 runs 6 and 222 runs 2 in cr-1 during business hours.
    Map<String, Integer> cr1Usage = ParquetFiles.rows(dir.resolve("snapshots/reservation_usage")).stream()
        .filter(g -> string(g, "reservation_id").equals("cr-0a11c0de000000001"))
        .collect(Collectors.toMap(g -> string(g, "usage_account_id"), g -> integer(g, "used_instance_count")));
    assertThat(cr1Usage).containsExactlyInAnyOrderEntriesOf(Map.of("111111111111", 6, "222222222222", 2));
    // eu-west-1: cr-6 has instances in use and is asked for its usage; cr-7 has none and is not.
    assertThat(calls.stream().filter(c -> c.action().equals("GetCapacityReservationUsage")
        && c.region().equals("eu-west-1")).count()).isEqualTo(1);

    List<Group> blocks = ParquetFiles.rows(dir.resolve("snapshots/capacity_blocks"));
    assertThat(blocks).extracting(g -> string(g, "capacity_block_id")).containsExactly("cb-0a11c0de000000001");
    assertThat(string(blocks.get(0), "reservation_ids_json")).isEqualTo("[\"cr-0a11c0de000000005\"]");

    List<Group> scopes = ParquetFiles.rows(dir.resolve("snapshots/scopes"));
    assertThat(scopes).hasSize(2);
    assertThat(scopes).extracting(g -> string(g, "run_id")).containsOnly(manifest.runId());
  }

  @Test
  void throttlingAndServerErrorsAreRetriedAndNothingIsLostOrDoubled() throws Exception {
    server.injectFaults(call -> call.number() % 3 == 0 ? java.util.Optional.of(
        call.number() % 2 == 0 ? Fault.internalError() : Fault.requestLimitExceeded()) : java.util.Optional.empty());

    RunManifest manifest = ingest(10);

    assertThat(manifest.failures()).isEmpty();
    assertThat(reservationsById()).hasSize(7);
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/reservations"))).hasSize(7);
    assertThat(server.calls().size()).isGreaterThan(manifest.totalPages());
  }

  @Test
  void aScopeThatKeepsFailingIsNamedAndTheOthersArePublished() throws Exception {
    server.injectFaults(FaultPlan.scope("111111111111", "eu-west-1", Fault.internalError()));

    RunManifest manifest = ingest(2);

    assertThat(manifest.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.region()).isEqualTo("eu-west-1");
      assertThat(failure.error()).contains("111111111111").contains("eu-west-1")
          .contains("DescribeCapacityReservations").contains("InternalError");
    });
    assertThat(reservationsById().keySet()).allMatch(id -> id.startsWith("cr-0a11"));
    assertThat(ParquetFiles.files(dir.resolve("snapshots"))).noneMatch(p -> p.toString().contains("eu-west-1"));
    assertThat(ParquetFiles.files(dir.resolve("_staging"))).isEmpty();
  }

  @Test
  void ingestingTheSameSnapshotTimeAgainReplacesIt() throws Exception {
    RunManifest first = ingest(3);
    RunManifest second = ingest(3);

    assertThat(second.runId()).isNotEqualTo(first.runId());
    List<Group> rows = ParquetFiles.rows(dir.resolve("snapshots/reservations"));
    assertThat(rows).hasSize(7);
    assertThat(rows).extracting(g -> string(g, "run_id")).containsOnly(second.runId());
  }

  private RunManifest ingest(int maxAttempts) {
    var account = server.organisation().awsAccount(SampleOrganisation.PLATFORM_ACCOUNT);
    var clients = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
        server.endpoint(), server.endpoint(), server.endpoint(), maxAttempts);
    return AwsIngestJob.run(Warehouse.open(dir.toString()), clients, AwsIngestJob.Source.EC2,
        List.of(AwsAccount.withDefaultCredentials(account.id())), REGIONS, AT, line -> { });
  }

  private Map<String, Group> reservationsById() throws Exception {
    return ParquetFiles.rows(dir.resolve("snapshots/reservations")).stream()
        .collect(Collectors.toMap(g -> string(g, "reservation_id"), Function.identity()));
  }
}
