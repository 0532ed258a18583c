package dev.caplens.jobs;

import static dev.caplens.jobs.ParquetFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.ApiCall;
import dev.caplens.sample.server.CloudService;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alibaba ECS read as a RAM role: the sample RAM user's AccessKey may only call sts:AssumeRole
 * (the loopback ECS API answers it Forbidden.RAM), so a complete snapshot proves every ECS call
 * was signed with the assumed session and its security token.
 */
class AliyunRamRoleTest {

  static final Instant AT = OutpostsAndAliyunIngestTest.TASK_RUNNING;
  static final AliyunRetry RETRY = AliyunRetry.withDelay(Duration.ofMillis(10));

  static SampleCloudServer server;
  static AliyunAccount roleUser;
  static String readRole;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() {
    server = SampleCloudServer.start(1);
    roleUser = server.organisation().assumeOnlyAliyunUser().orElseThrow();
    readRole = server.organisation().aliyunReadRole(SampleOrganisation.ALIYUN_OWNER_ACCOUNT);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void snapshot() {
    server.useSnapshot(AT);
  }

  @Test
  void theAssumeOnlyUserReadsEveryPoolAsTheRoleWithOneAssumeRole() throws Exception {
    int before = server.calls().size();
    RunManifest manifest = ingest(roleUser().assumingRole(readRole, "caplens-test", RETRY, Clock.systemUTC()));

    assertThat(manifest.failures()).isEmpty();
    List<ApiCall> calls = server.calls().subList(before, server.calls().size());
    assertThat(calls.get(0).service()).isEqualTo(CloudService.ALIYUN_STS);
    assertThat(calls.get(0).accountId()).isEqualTo(SampleOrganisation.ALIYUN_OWNER_ACCOUNT);
    assertThat(calls).filteredOn(c -> c.service() == CloudService.ALIYUN_STS).hasSize(1);
    // One item a page: two pages of pools, then the pools' 6 and 5 instances a page each, all as the role.
    assertThat(calls).filteredOn(c -> c.service() == CloudService.ECS).hasSize(2 + 6 + 5)
        .allSatisfy(c -> assertThat(c.accountId()).isEqualTo(SampleOrganisation.ALIYUN_OWNER_ACCOUNT));
    assertThat(ParquetFiles.rows(dir.resolve("snapshots/reservations")))
        .extracting(g -> string(g, "reservation_id"))
        .containsExactlyInAnyOrder("crp-bp1a11c0de0000001", "crp-bp1a11c0de0000002", "crp-bp1a11c0de0000002");
  }

  @Test
  void everyCallMadeIsAllowedByTheDocumentedPolicies() throws Exception {
    int before = server.calls().size();
    ingest(roleUser().assumingRole(readRole, "caplens-test", RETRY, Clock.systemUTC()));

    String readPolicy = Files.readString(Path.of("../docs/ram-policy.json"));
    String assumePolicy = Files.readString(Path.of("../docs/ram-assume-role-policy.json"));
    assertThat(server.calls().subList(before, server.calls().size())).isNotEmpty().allSatisfy(call ->
        assertThat(call.service() == CloudService.ALIYUN_STS ? assumePolicy : readPolicy)
            .contains("\"" + (call.service() == CloudService.ALIYUN_STS ? "sts:" : "ecs:") + call.action() + "\""));
  }

  @Test
  void withoutTheRoleTheSameKeyIsRefusedAndTheRegionFailsByName() {
    RunManifest manifest = ingest(roleUser());

    assertThat(manifest.failures()).singleElement().satisfies(f -> assertThat(f.error())
        .contains("cn-hangzhou").contains("DescribeCapacityReservations").contains("Forbidden.RAM"));
    assertThat(Files.exists(dir.resolve("snapshots/reservations"))).isFalse();
  }

  @Test
  void aRoleThatCannotBeAssumedFailsTheRegionNamingTheRoleAndPublishesNothing() {
    String admin = "acs:ram::" + SampleOrganisation.ALIYUN_OWNER_ACCOUNT + ":role/admin";
    RunManifest manifest = ingest(roleUser().assumingRole(admin, "caplens-test", RETRY, Clock.systemUTC()));

    assertThat(manifest.failures()).singleElement().satisfies(f -> assertThat(f.error())
        .contains("cn-hangzhou").contains("cannot assume RAM role " + admin).contains("EntityNotExist.Role"));
    assertThat(Files.exists(dir.resolve("snapshots/reservations"))).isFalse();
  }

  @Test
  void theSessionIsKeptWhileItHasMoreThanFifteenMinutesAndRenewedAfter() {
    // Sessions are asked for 3600 s. 40 minutes on, 20 minutes are left: kept. 50 minutes on,
    // 10 minutes are left, under the 15-minute margin: renewed, a second AssumeRole.
    MovableClock clock = new MovableClock(Instant.now());
    DefaultAliyunClientFactory clients = roleUser().assumingRole(readRole, "caplens-test", RETRY, clock);
    int before = server.calls().size();

    assertThat(ingest(clients).failures()).isEmpty();
    clock.now = clock.now.plus(Duration.ofMinutes(40));
    assertThat(ingest(clients).failures()).isEmpty();
    long afterForty = assumeRoles(before);
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    assertThat(ingest(clients).failures()).isEmpty();

    assertThat(afterForty).isEqualTo(1);
    assertThat(assumeRoles(before)).isEqualTo(2);
  }

  @Test
  void aMalformedRoleArnOrSessionNameIsRefusedBeforeAnyCall() {
    int before = server.calls().size();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> roleUser().assumingRole("caplens-read", "caplens",
        RETRY, Clock.systemUTC())).hasMessageContaining("aliyun.role-arn must look like acs:ram::");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> roleUser().assumingRole(readRole, "caplens nightly",
        RETRY, Clock.systemUTC())).hasMessageContaining("aliyun.role-session-name");
    assertThat(server.calls()).hasSize(before);
  }

  private long assumeRoles(int since) {
    return server.calls().subList(since, server.calls().size()).stream()
        .filter(c -> c.service() == CloudService.ALIYUN_STS).count();
  }

  private static DefaultAliyunClientFactory roleUser() {
    return new DefaultAliyunClientFactory(roleUser.accessKeyId(), roleUser.accessKeySecret(), server.endpoint());
  }

  private RunManifest ingest(DefaultAliyunClientFactory clients) {
    return AliyunIngestJob.run(Warehouse.open(dir.toString()), clients, RETRY, SampleOrganisation.ALIYUN_OWNER_ACCOUNT,
        List.of("cn-hangzhou"), true, AT, line -> { });
  }

  /** A clock the test moves forward, standing in for the hours a long nightly run takes. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
