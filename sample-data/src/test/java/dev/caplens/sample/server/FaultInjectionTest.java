package dev.caplens.sample.server;

import static dev.caplens.sample.SampleOrganisation.ML_RESEARCH_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Faults reach the real EC2 client the way throttling and outages do. */
class FaultInjectionTest {

  private final SampleOrganisation org = new SampleOrganisation();
  private SampleCloudServer server;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(2);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void throttlingIsAnEc2ErrorReply() {
    server.injectFaults(FaultPlan.firstRequests(1, Fault.requestLimitExceeded()));
    try (Ec2Client ec2 = SdkClients.ec2WithoutRetries(server, org.demoAccount(), US_EAST_1)) {
      assertThatThrownBy(() -> ec2.describeCapacityReservations(r -> {}))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(e.isThrottlingException()).isTrue();
          });
      assertThat(ec2.describeCapacityReservations(r -> {}).capacityReservations()).hasSize(2);
    }
  }

  @Test
  void aThrottledPageIsRetriedWithTheSameTokenAndNothingIsReadTwice() {
    server.injectFaults(FaultPlan.requests(Set.of(2), Fault.requestLimitExceeded()));
    try (Ec2Client ec2 = SdkClients.ec2(server, org.demoAccount(), US_EAST_1)) {
      var ids = ec2.describeCapacityReservationsPaginator(r -> {}).capacityReservations().stream()
          .map(CapacityReservation::capacityReservationId).toList();

      assertThat(ids).hasSize(5).doesNotHaveDuplicates();
      assertThat(server.calls()).extracting(ApiCall::number, ApiCall::paged)
          .containsExactly(
              tuple(1, false),
              tuple(2, true),
              tuple(3, true),
              tuple(4, true));
    }
  }

  @Test
  void internalErrorsAreServerErrors() {
    server.injectFaults(FaultPlan.action(CloudService.EC2, "GetCapacityReservationUsage", Fault.internalError()));
    try (Ec2Client ec2 = SdkClients.ec2WithoutRetries(server, org.demoAccount(), US_EAST_1)) {
      assertThat(ec2.describeCapacityReservations(r -> {}).capacityReservations()).isNotEmpty();
      assertThatThrownBy(() -> ec2.getCapacityReservationUsage(r -> r.capacityReservationId("cr-0a11c0de000000001")))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
          });
    }
  }

  @Test
  void aTruncatedReplyCannotBeParsed() {
    server.injectFaults(FaultPlan.firstRequests(1, Fault.truncatedReply()));
    try (Ec2Client ec2 = SdkClients.ec2(server, org.demoAccount(), US_EAST_1)) {
      assertThatThrownBy(() -> ec2.describeCapacityReservations(r -> {}))
          .isInstanceOf(SdkClientException.class);
      assertThat(server.calls()).as("the SDK does not retry a 200 it cannot parse").hasSize(1);
    }
  }

  @Test
  void oneScopeCanFailWhileOthersAnswer() {
    server.injectFaults(FaultPlan.scope(ML_RESEARCH_ACCOUNT, US_EAST_1, Fault.internalError()));
    try (Ec2Client platform = SdkClients.ec2WithoutRetries(server, org.demoAccount(), US_EAST_1);
         Ec2Client mlResearch = SdkClients.ec2WithoutRetries(server, org.awsAccount(ML_RESEARCH_ACCOUNT), US_EAST_1)) {
      assertThat(platform.describeCapacityReservations(r -> {}).capacityReservations()).isNotEmpty();
      assertThatThrownBy(() -> mlResearch.describeCapacityReservations(r -> {})).isInstanceOf(Ec2Exception.class);
    }
  }

  @Test
  void injectingAPlanRestartsTheRequestCount() {
    try (Ec2Client ec2 = SdkClients.ec2WithoutRetries(server, org.demoAccount(), US_EAST_1)) {
      ec2.describeCapacityReservations(r -> {});
      server.injectFaults(FaultPlan.firstRequests(1, Fault.internalError()));

      assertThatThrownBy(() -> ec2.describeCapacityReservations(r -> {})).isInstanceOf(Ec2Exception.class);
      assertThat(ec2.describeCapacityReservations(r -> {}).capacityReservations()).isNotEmpty();
      assertThat(server.calls()).extracting(ApiCall::number).containsExactly(1, 1, 2);
    }
  }

  @Test
  void withoutASnapshotNothingIsServed() {
    try (SampleCloudServer fresh = SampleCloudServer.start(2);
         Ec2Client ec2 = SdkClients.ec2WithoutRetries(fresh, org.demoAccount(), US_EAST_1)) {
      assertThatThrownBy(() -> ec2.describeCapacityReservations(r -> {}))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("useSnapshot"));
      assertThatThrownBy(() -> fresh.useSnapshot(Instant.parse("2026-11-22T00:00:00Z")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> fresh.useSnapshot(Instant.parse("2026-11-20T12:30:00Z")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
