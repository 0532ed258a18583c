package dev.caplens.jobs;

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
import dev.caplens.sample.server.CloudService;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Ingest of every provider through the real SDK clients while the loopback server misbehaves.
 * Transient faults must leave a snapshot equal, row for row, to a fault-free run's; a fault that
 * never clears fails only its scope, publishes nothing of it, and a later run fills the gap.
 */
class IngestFaultsTest {

  static final Instant AT = Instant.parse("2026-11-20T16:00:00Z");
  static final List<String> AWS_REGIONS = List.of(SampleOrganisation.US_EAST_1, SampleOrganisation.EU_WEST_1);
  /** Short, so that a slow reply costs the test little; the slow fault waits well past it. */
  static final Duration CLIENT_TIMEOUT = Duration.ofMillis(2500);
  static final Duration SLOW = Duration.ofMillis(6000);

  enum Source { EC2, OUTPOSTS, ALIYUN }

  static SampleCloudServer server;
  /** Each provider's snapshot contents read without faults. */
  static Map<Source, Map<String, List<String>>> faultFree = new java.util.EnumMap<>(Source.class);

  @TempDir
  Path dir;

  @BeforeAll
  static void readWithoutFaults(@TempDir Path baseline) throws Exception {
    server = SampleCloudServer.start(2);
    server.useSnapshot(AT);
    for (Source source : Source.values()) {
      Path warehouse = baseline.resolve(source.name());
      assertThat(ingest(source, warehouse).failures()).isEmpty();
      faultFree.put(source, SnapshotContents.of(warehouse));
      assertThat(faultFree.get(source)).isNotEmpty();
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.injectFaults(FaultPlan.none());
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(Source.values()).flatMap(source -> Stream.of(
        Arguments.of(source, "throttling on every 3rd call", FaultPlan.everyNth(3, throttling(source))),
        Arguments.of(source, "HTTP 500 on every 3rd call", FaultPlan.everyNth(3, Fault.internalError())),
        Arguments.of(source, "connection reset on every 3rd call", FaultPlan.everyNth(3, Fault.connectionReset())),
        Arguments.of(source, "reply past the client timeout on every 5th call", FaultPlan.everyNth(5, Fault.slowReply(SLOW))),
        Arguments.of(source, "truncated page on every 3rd call", FaultPlan.everyNth(3, Fault.truncatedReply())),
        Arguments.of(source, "HTML instead of XML/JSON on every 3rd call", FaultPlan.everyNth(3, Fault.malformedReply())),
        Arguments.of(source, "a reply with no result or request id on every 3rd call",
            FaultPlan.everyNth(3, Fault.emptyReply()))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("transientFaults")
  void transientFaultsAreRetriedAndTheSnapshotIsCompleteWithNothingLostOrDoubled(
      Source source, String what, FaultPlan plan) throws Exception {
    server.injectFaults(plan);

    RunManifest manifest = ingest(source, dir);

    assertThat(manifest.failures()).as(what).isEmpty();
    List<ApiCall> calls = server.calls();
    assertThat(calls.stream().filter(c -> plan.faultFor(c).isPresent()).count())
        .as("faults were actually served").isPositive();
    assertThat(SnapshotContents.of(dir)).as(what).isEqualTo(faultFree.get(source));
    assertThat(ParquetFiles.files(dir.resolve("_staging"))).isEmpty();
  }

  static Stream<Arguments> persistentFaults() {
    return Stream.of(
        Arguments.of(Source.EC2, FaultPlan.scope(SampleOrganisation.PLATFORM_ACCOUNT, SampleOrganisation.EU_WEST_1,
            Fault.truncatedReply()), "aws:111111111111/eu-west-1/ec2", "DescribeCapacityReservations"),
        Arguments.of(Source.OUTPOSTS, failingAction(CloudService.OUTPOSTS, "ListAssetInstances",
            SampleOrganisation.US_EAST_1, Fault.internalError()), "outposts:111111111111/us-east-1/outposts",
            "ListAssetInstances"),
        Arguments.of(Source.ALIYUN, failingAction(CloudService.ECS, "DescribeCapacityReservations",
            SampleOrganisation.CN_HANGZHOU, Fault.aliyunThrottling()), "cn-hangzhou", "Throttling"),
        // Valid JSON without RequestId is not an empty page: retried, then the scope fails by name.
        Arguments.of(Source.ALIYUN, failingAction(CloudService.ECS, "DescribeCapacityReservations",
            SampleOrganisation.CN_HANGZHOU, Fault.emptyReply()), "cn-hangzhou", "no RequestId"),
        Arguments.of(Source.EC2, FaultPlan.scope(SampleOrganisation.PLATFORM_ACCOUNT, SampleOrganisation.EU_WEST_1,
            Fault.emptyReply()), "aws:111111111111/eu-west-1/ec2", "no request id"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("persistentFaults")
  void aPersistentFaultFailsOnlyItsScopePublishesNothingOfItAndARerunFillsTheGap(
      Source source, FaultPlan plan, String scopeName, String errorNames) throws Exception {
    server.injectFaults(plan);
    RunManifest failed = ingest(source, dir);

    assertThat(failed.failures()).singleElement().satisfies(f ->
        assertThat(f.error()).contains(scopeName).contains(errorNames));
    String failedRegion = failed.failures().get(0).region();
    Map<String, List<String>> afterFailure = SnapshotContents.of(dir);
    // Every file of the other scopes is exactly what a fault-free run writes; none of the failed scope exists.
    assertThat(afterFailure.keySet()).noneMatch(file -> file.contains("-" + failedRegion + "-"));
    afterFailure.forEach((file, rows) -> assertThat(rows).isEqualTo(faultFree.get(source).get(file)));
    assertThat(ParquetFiles.files(dir.resolve("_staging"))).isEmpty();

    server.injectFaults(FaultPlan.none());
    RunManifest rerun = ingest(source, dir);

    assertThat(rerun.failures()).isEmpty();
    assertThat(SnapshotContents.of(dir)).isEqualTo(faultFree.get(source));
  }

  @Test
  void theCommandLineNamesTheFailedScopeOnStderrAndInTheManifestAndExits3() throws Exception {
    server.injectFaults(FaultPlan.scope(SampleOrganisation.PLATFORM_ACCOUNT, SampleOrganisation.EU_WEST_1,
        Fault.malformedReply()));
    var account = server.organisation().demoAccount();
    Path warehouse = dir.resolve("w");

    CaplensProcess.Result result = CaplensProcess.run(dir, Map.of(
            "AWS_ENDPOINT_URL", server.endpoint().toString(),
            "AWS_ACCESS_KEY_ID", account.accessKeyId(),
            "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
            "AWS_REGION", "us-east-1"),
        "ingest", "--provider", "aws", "--warehouse", warehouse.toString(),
        "--regions", "us-east-1,eu-west-1", "--snapshot-time", AT.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(result.stderr()).contains("aws:111111111111/eu-west-1/ec2").contains("DescribeCapacityReservations")
        .doesNotContain("\tat ");
    Path manifest;
    try (Stream<Path> files = Files.walk(warehouse.resolve("runs"))) {
      manifest = files.filter(p -> p.getFileName().toString().equals("manifest.json")).findFirst().orElseThrow();
    }
    var scopes = dev.caplens.ingest.IngestRunner.json().readTree(manifest.toFile()).get("scopes");
    assertThat(scopes).hasSize(2);
    assertThat(scopes).filteredOn(s -> s.get("status").asText().equals("failed")).singleElement()
        .satisfies(s -> {
          assertThat(s.get("region").asText()).isEqualTo("eu-west-1");
          assertThat(s.get("error").asText()).contains("DescribeCapacityReservations");
        });
    assertThat(ParquetFiles.files(warehouse.resolve("snapshots"))).isNotEmpty()
        .noneMatch(p -> p.toString().contains("eu-west-1"));
  }

  private static Fault throttling(Source source) {
    return switch (source) {
      case EC2 -> Fault.requestLimitExceeded();
      case OUTPOSTS -> Fault.throttlingException();
      case ALIYUN -> Fault.aliyunThrottling();
    };
  }

  private static FaultPlan failingAction(CloudService service, String action, String region, Fault fault) {
    FaultPlan byAction = FaultPlan.action(service, action, fault);
    return call -> region.equals(call.region()) ? byAction.faultFor(call) : Optional.empty();
  }

  private static RunManifest ingest(Source source, Path warehouseDir) {
    Warehouse warehouse = Warehouse.open(warehouseDir.toString());
    if (source == Source.ALIYUN) {
      AliyunAccount account = server.organisation().aliyunAccount();
      var clients = new DefaultAliyunClientFactory(account.accessKeyId(), account.accessKeySecret(),
          server.endpoint(), CLIENT_TIMEOUT);
      return AliyunIngestJob.run(warehouse, clients, AliyunRetry.withDelay(Duration.ofMillis(20)), account.id(),
          server.organisation().aliyunRegions(), true, AT, line -> { });
    }
    var account = server.organisation().awsAccount(SampleOrganisation.PLATFORM_ACCOUNT);
    var clients = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
        server.endpoint(), server.endpoint(), server.endpoint(), 4, CLIENT_TIMEOUT);
    return AwsIngestJob.run(warehouse, clients,
        source == Source.EC2 ? AwsIngestJob.Source.EC2 : AwsIngestJob.Source.OUTPOSTS,
        List.of(AwsAccount.withDefaultCredentials(account.id())), AWS_REGIONS, AT, line -> { });
  }
}
