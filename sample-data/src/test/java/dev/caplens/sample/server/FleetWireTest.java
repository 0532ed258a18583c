package dev.caplens.sample.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.ReservationObservation;
import dev.caplens.sample.fleet.Fleet;
import dev.caplens.sample.fleet.FleetCloud;
import dev.caplens.sample.fleet.FleetSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The sample server serves a generated fleet at one hour, and throttles past a token-bucket limit. */
class FleetWireTest {

  private static final FleetSpec SPEC = FleetSpec.hourly(7, 200, 2, 1, LocalDate.parse("2026-01-05"), 1);
  private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

  private final Fleet fleet = Fleet.generate(SPEC);
  private final FleetCloud cloud = FleetCloud.at(fleet, NOON);
  private SampleCloudServer server;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(cloud, 7);
    server.useSnapshot(NOON);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachOwnerScopeListsTheFleetsReservationsOfThatScopeAtThatHour() {
    String region = fleet.awsRegions().get(0);
    int listedInAll = 0;
    for (AwsAccount account : cloud.awsAccounts()) {
      List<ReservationObservation> expected = cloud.fleet().capacityReservationsByScope(cloud.snapshotTime())
          .getOrDefault(Fleet.scope(account.id(), region), List.of());
      try (Ec2Client ec2 = SdkClients.ec2(server, account, region)) {
        List<CapacityReservation> listed = ec2.describeCapacityReservationsPaginator(r -> {})
            .capacityReservations().stream().toList();

        assertThat(listed).extracting(CapacityReservation::capacityReservationId)
            .containsExactlyElementsOf(expected.stream().map(o -> o.reservation().id()).toList());
        assertThat(listed).extracting(CapacityReservation::availableInstanceCount)
            .containsExactlyElementsOf(expected.stream().map(o -> o.state().availableInstanceCount()).toList());
        ReservationObservation first = expected.get(0);
        var usage = ec2.getCapacityReservationUsage(r -> r.capacityReservationId(first.reservation().id()));
        assertThat(usage.instanceUsages()).hasSize(first.state().instanceUsages().size());
      }
      listedInAll += expected.size();
    }
    // The fleet's one region holds every EC2 reservation: the owners' scopes together list all of them.
    assertThat(listedInAll).isEqualTo(fleet.capacityReservations(NOON).size()).isGreaterThan(100);
  }

  @Test
  void pastTheBurstEc2AnswersRequestLimitExceededAndLaterCallsPassAgain() {
    // The bucket's own clock: burst 2, one token a second, time moves only when the test says.
    AtomicLong nanos = new AtomicLong();
    server.limitRate(CloudService.EC2, new TokenBucket(2, 1, nanos::get));
    AwsAccount account = cloud.awsAccounts().get(0);
    try (Ec2Client ec2 = SdkClients.ec2WithoutRetries(server, account, fleet.awsRegions().get(0))) {
      ec2.describeCapacityBlocks(r -> {});
      ec2.describeCapacityBlocks(r -> {});
      assertThatThrownBy(() -> ec2.describeCapacityBlocks(r -> {}))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(e.isThrottlingException()).isTrue();
          });
      nanos.addAndGet(1_000_000_000L);
      ec2.describeCapacityBlocks(r -> {});
    }
    assertThat(server.calls()).hasSize(4);
    assertThat(server.throttledCalls()).extracting(ApiCall::number).containsExactly(3);
  }

  @Test
  void theFleetServesOnlyItsOneHour() {
    assertThatThrownBy(() -> server.useSnapshot(NOON.plusSeconds(3600))).hasMessageContaining("no sample snapshot");
    assertThatThrownBy(() -> FleetCloud.at(fleet, Instant.parse("2026-01-06T00:00:00Z")))
        .hasMessageContaining("no snapshot");
  }
}
