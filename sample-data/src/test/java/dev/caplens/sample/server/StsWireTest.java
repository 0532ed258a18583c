package dev.caplens.sample.server;

import static dev.caplens.sample.SampleOrganisation.ML_RESEARCH_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.PLATFORM_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Who the caller is, and reading another account through a role, with the real STS client. */
class StsWireTest {

  private final SampleOrganisation org = new SampleOrganisation();
  private SampleCloudServer server;
  private StsClient sts;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(2);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
    sts = StsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            org.demoAccount().accessKeyId(), org.demoAccount().secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterEach
  void stop() {
    sts.close();
    server.close();
  }

  @Test
  void getCallerIdentityNamesTheAccountOfTheKey() {
    var identity = sts.getCallerIdentity(r -> {});

    assertThat(identity.account()).isEqualTo(PLATFORM_ACCOUNT);
    assertThat(identity.arn()).isEqualTo("arn:aws:iam::111111111111:user/caplens");
    assertThat(identity.userId()).isNotBlank();
  }

  @Test
  void assumeRoleReturnsSessionCredentialsOfTheRolesAccount() {
    AssumeRoleResponse assumed = sts.assumeRole(r -> r
        .roleArn("arn:aws:iam::222222222222:role/caplens-read").roleSessionName("nightly").externalId("x"));

    assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(assumed.credentials().secretAccessKey()).isNotBlank();
    assertThat(assumed.credentials().sessionToken()).isNotBlank();
    assertThat(assumed.credentials().expiration()).isAfter(Instant.now());
    assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/caplens-read/nightly");
  }

  @Test
  void ec2ReadThroughAnAssumedRoleSeesThatAccountsView() {
    try (StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(r -> r.roleArn("arn:aws:iam::222222222222:role/caplens-read").roleSessionName("caplens"))
            .build();
         Ec2Client ec2 = Ec2Client.builder()
             .endpointOverride(server.endpoint())
             .region(Region.US_EAST_1)
             .credentialsProvider(role)
             .httpClient(UrlConnectionHttpClient.create())
             .build()) {
      assertThat(ec2.describeCapacityReservationsPaginator(r -> {}).capacityReservations())
          .extracting(CapacityReservation::capacityReservationId)
          .containsExactly("cr-0a11c0de000000001", "cr-0a11c0de000000004", "cr-0a11c0de000000005");
    }
    assertThat(server.calls()).extracting(ApiCall::service, ApiCall::accountId)
        .containsExactly(tuple(CloudService.STS, PLATFORM_ACCOUNT), tuple(CloudService.EC2, ML_RESEARCH_ACCOUNT),
            tuple(CloudService.EC2, ML_RESEARCH_ACCOUNT));
  }

  @Test
  void rolesOutsideTheOrganisationAreDenied() {
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::999999999999:role/x").roleSessionName("s")))
        .isInstanceOfSatisfying(StsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    assertThat(server.calls()).extracting(ApiCall::region).containsOnly(US_EAST_1);
  }
}
