package dev.caplens.sample.server;

import static dev.caplens.sample.SampleOrganisation.ANALYTICS_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.EU_WEST_1;
import static dev.caplens.sample.SampleOrganisation.ML_RESEARCH_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.PLATFORM_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityBlock;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InstanceUsage;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The EC2 replies read back through the real AWS SDK v2 client, field by field. */
class Ec2WireTest {

  private static final Instant NOON_DAY_ONE = Instant.parse("2026-11-20T12:00:00Z");
  private static final Instant MIDNIGHT_DAY_ONE = Instant.parse("2026-11-20T00:00:00Z");

  private final SampleOrganisation org = new SampleOrganisation();
  private SampleCloudServer server;
  private Ec2Client platformUsEast;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(2);
    server.useSnapshot(NOON_DAY_ONE);
    platformUsEast = SdkClients.ec2(server, org.demoAccount(), US_EAST_1);
  }

  @AfterEach
  void stop() {
    platformUsEast.close();
    server.close();
  }

  @Test
  void describeCapacityReservationsParsesEveryField() {
    Map<String, CapacityReservation> byId = platformUsEast.describeCapacityReservationsPaginator(r -> {})
        .capacityReservations().stream()
        .collect(Collectors.toMap(CapacityReservation::capacityReservationId, r -> r));

    assertThat(byId).containsOnlyKeys("cr-0a11c0de000000001", "cr-0a11c0de000000002",
        "cr-0a11c0de000000003", "cr-0a11c0de000000004", "cr-0a11c0de000000005");

    CapacityReservation webFleet = byId.get("cr-0a11c0de000000001");
    assertThat(webFleet.ownerId()).isEqualTo(PLATFORM_ACCOUNT);
    assertThat(webFleet.capacityReservationArn())
        .isEqualTo("arn:aws:ec2:us-east-1:111111111111:capacity-reservation/cr-0a11c0de000000001");
    assertThat(webFleet.availabilityZone()).isEqualTo("us-east-1a");
    assertThat(webFleet.availabilityZoneId()).isEqualTo("use1-az4");
    assertThat(webFleet.instanceType()).isEqualTo("m5.large");
    assertThat(webFleet.instancePlatformAsString()).isEqualTo("Linux/UNIX");
    assertThat(webFleet.tenancyAsString()).isEqualTo("default");
    assertThat(webFleet.totalInstanceCount()).isEqualTo(10);
    assertThat(webFleet.availableInstanceCount()).isEqualTo(2);
    assertThat(webFleet.ebsOptimized()).isTrue();
    assertThat(webFleet.ephemeralStorage()).isFalse();
    assertThat(webFleet.stateAsString()).isEqualTo("active");
    assertThat(webFleet.startDate()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(webFleet.endDate()).isNull();
    assertThat(webFleet.endDateTypeAsString()).isEqualTo("unlimited");
    assertThat(webFleet.instanceMatchCriteriaAsString()).isEqualTo("open");
    assertThat(webFleet.createDate()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(webFleet.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(tuple("Name", "web-fleet"), tuple("team", "platform"));
    assertThat(webFleet.reservationTypeAsString()).isEqualTo("default");
    assertThat(webFleet.unusedReservationBillingOwnerId()).isNull();
    assertThat(webFleet.capacityBlockId()).isNull();
    assertThat(webFleet.interruptible()).isFalse();
    assertThat(webFleet.interruptibleCapacityAllocation()).isNull();
    assertThat(webFleet.interruptionInfo()).isNull();

    CapacityReservation batch = byId.get("cr-0a11c0de000000002");
    assertThat(batch.unusedReservationBillingOwnerId()).isEqualTo(ANALYTICS_ACCOUNT);
    assertThat(batch.availabilityZone()).isEqualTo("us-east-1b");
    assertThat(batch.availabilityZoneId()).isEqualTo("use1-az6");
    assertThat(batch.totalInstanceCount()).isEqualTo(4);
    assertThat(batch.availableInstanceCount()).isEqualTo(3);

    CapacityReservation source = byId.get("cr-0a11c0de000000003");
    assertThat(source.totalInstanceCount()).isEqualTo(8);
    assertThat(source.availableInstanceCount()).isEqualTo(2);
    assertThat(source.interruptible()).isFalse();
    assertThat(source.interruptibleCapacityAllocation().instanceCount()).isEqualTo(4);
    assertThat(source.interruptibleCapacityAllocation().targetInstanceCount()).isEqualTo(4);
    assertThat(source.interruptibleCapacityAllocation().statusAsString()).isEqualTo("active");
    assertThat(source.interruptibleCapacityAllocation().interruptibleCapacityReservationId()).isEqualTo("cr-0a11c0de000000004");
    assertThat(source.interruptibleCapacityAllocation().interruptionTypeAsString()).isEqualTo("adhoc");

    CapacityReservation borrower = byId.get("cr-0a11c0de000000004");
    assertThat(borrower.interruptible()).isTrue();
    assertThat(borrower.interruptionInfo().sourceCapacityReservationId()).isEqualTo("cr-0a11c0de000000003");
    assertThat(borrower.interruptionInfo().interruptionTypeAsString()).isEqualTo("adhoc");
    assertThat(borrower.totalInstanceCount()).isEqualTo(4);
    assertThat(borrower.availableInstanceCount()).isEqualTo(1);
    assertThat(borrower.startDate()).isEqualTo(Instant.parse("2026-11-20T06:00:00Z"));

    CapacityReservation block = byId.get("cr-0a11c0de000000005");
    assertThat(block.ownerId()).isEqualTo(ML_RESEARCH_ACCOUNT);
    assertThat(block.reservationTypeAsString()).isEqualTo("capacity-block");
    assertThat(block.capacityBlockId()).isEqualTo("cb-0a11c0de000000001");
    assertThat(block.instanceType()).isEqualTo("p5.48xlarge");
    assertThat(block.instanceMatchCriteriaAsString()).isEqualTo("targeted");
    assertThat(block.endDateTypeAsString()).isEqualTo("limited");
    assertThat(block.startDate()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    assertThat(block.endDate()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(block.createDate()).isEqualTo(Instant.parse("2026-11-15T09:30:00Z"));
    assertThat(block.stateAsString()).isEqualTo("active");
    assertThat(block.availableInstanceCount()).isZero();
  }

  @Test
  void pagesOfTwoReadEveryReservationExactlyOnce() {
    List<DescribeCapacityReservationsResponse> pages = new ArrayList<>();
    platformUsEast.describeCapacityReservationsPaginator(r -> {}).forEach(pages::add);

    assertThat(pages).extracting(p -> p.capacityReservations().size()).containsExactly(2, 2, 1);
    assertThat(pages).extracting(DescribeCapacityReservationsResponse::nextToken)
        .satisfies(tokens -> {
          assertThat(tokens.get(0)).isNotBlank();
          assertThat(tokens.get(1)).isNotBlank().isNotEqualTo(tokens.get(0));
          assertThat(tokens.get(2)).isNull();
        });
    List<String> ids = pages.stream().flatMap(p -> p.capacityReservations().stream())
        .map(CapacityReservation::capacityReservationId).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(5);
    assertThat(server.calls()).extracting(ApiCall::action, ApiCall::accountId, ApiCall::region, ApiCall::paged)
        .containsExactly(
            tuple("DescribeCapacityReservations", PLATFORM_ACCOUNT, US_EAST_1, false),
            tuple("DescribeCapacityReservations", PLATFORM_ACCOUNT, US_EAST_1, true),
            tuple("DescribeCapacityReservations", PLATFORM_ACCOUNT, US_EAST_1, true));
  }

  @Test
  void maxResultsBelowThePageSizeShrinksPages() {
    List<Integer> sizes = new ArrayList<>();
    platformUsEast.describeCapacityReservationsPaginator(r -> r.maxResults(1))
        .forEach(page -> sizes.add(page.capacityReservations().size()));

    assertThat(sizes).containsExactly(1, 1, 1, 1, 1);
  }

  @Test
  void aTokenTheServerDidNotIssueIsAnError() {
    assertThatThrownBy(() -> platformUsEast.describeCapacityReservations(r -> r.nextToken("bm90LWEtdG9rZW4=")))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken");
        });
  }

  @Test
  void aTokenOnlyContinuesTheListingItCameFrom() {
    String token = platformUsEast.describeCapacityReservations(r -> {}).nextToken();

    assertThatThrownBy(() -> platformUsEast.describeCapacityBlocks(r -> r.nextToken(token)))
        .isInstanceOfSatisfying(Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken"));
    try (Ec2Client mlResearch = SdkClients.ec2(server, org.awsAccount(ML_RESEARCH_ACCOUNT), US_EAST_1)) {
      assertThatThrownBy(() -> mlResearch.describeCapacityReservations(r -> r.nextToken(token)))
          .isInstanceOfSatisfying(Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken"));
    }
    assertThatThrownBy(() -> platformUsEast.describeCapacityReservations(r -> r.nextToken(token)
        .filters(Filter.builder().name("state").values("active").build())))
        .isInstanceOf(Ec2Exception.class);
  }

  @Test
  void aListingStartedOnOneSnapshotFinishesOnIt() {
    DescribeCapacityReservationsResponse first = platformUsEast.describeCapacityReservations(r -> {});
    server.useSnapshot(MIDNIGHT_DAY_ONE);
    List<CapacityReservation> rest = new ArrayList<>();
    String token = first.nextToken();
    while (token != null) {
      String current = token;
      DescribeCapacityReservationsResponse page = platformUsEast.describeCapacityReservations(r -> r.nextToken(current));
      rest.addAll(page.capacityReservations());
      token = page.nextToken();
    }

    assertThat(rest).extracting(CapacityReservation::capacityReservationId)
        .containsExactly("cr-0a11c0de000000003", "cr-0a11c0de000000004", "cr-0a11c0de000000005");
    assertThat(platformUsEast.describeCapacityReservationsPaginator(r -> {}).capacityReservations())
        .extracting(CapacityReservation::capacityReservationId)
        .as("at midnight the interruptible reservation does not exist yet")
        .containsExactly("cr-0a11c0de000000001", "cr-0a11c0de000000002", "cr-0a11c0de000000003",
            "cr-0a11c0de000000005");
  }

  @Test
  void theRegionComesFromTheCredentialScope() {
    try (Ec2Client euWest = SdkClients.ec2(server, org.demoAccount(), EU_WEST_1)) {
      List<CapacityReservation> reservations = euWest.describeCapacityReservationsPaginator(r -> {}).capacityReservations().stream().toList();

      assertThat(reservations).extracting(CapacityReservation::capacityReservationId, CapacityReservation::ownerId,
              CapacityReservation::instanceType, CapacityReservation::totalInstanceCount,
              CapacityReservation::availableInstanceCount)
          .containsExactly(
              tuple("cr-0e11c0de000000006", ANALYTICS_ACCOUNT, "m6i.xlarge", 6, 1),
              tuple("cr-0e11c0de000000007", PLATFORM_ACCOUNT, "x2idn.16xlarge", 1, 1));
    }
    assertThat(server.calls()).extracting(ApiCall::region).containsOnly(EU_WEST_1);
  }

  @Test
  void eachAccountSeesWhatItOwnsAndWhatIsSharedWithIt() {
    try (Ec2Client mlResearch = SdkClients.ec2(server, org.awsAccount(ML_RESEARCH_ACCOUNT), US_EAST_1);
         Ec2Client analytics = SdkClients.ec2(server, org.awsAccount(ANALYTICS_ACCOUNT), US_EAST_1)) {
      assertThat(mlResearch.describeCapacityReservationsPaginator(r -> {}).capacityReservations())
          .extracting(CapacityReservation::capacityReservationId)
          .containsExactly("cr-0a11c0de000000001", "cr-0a11c0de000000004", "cr-0a11c0de000000005");
      assertThat(analytics.describeCapacityReservationsPaginator(r -> {}).capacityReservations())
          .extracting(CapacityReservation::capacityReservationId)
          .containsExactly("cr-0a11c0de000000002");
    }
  }

  @Test
  void getCapacityReservationUsagePagesOverInstanceUsages() {
    server.close();
    server = SampleCloudServer.start(1);
    server.useSnapshot(NOON_DAY_ONE);
    try (Ec2Client ec2 = SdkClients.ec2(server, org.demoAccount(), US_EAST_1)) {
      List<GetCapacityReservationUsageResponse> pages = new ArrayList<>();
      String token = null;
      do {
        String current = token;
        GetCapacityReservationUsageResponse page = ec2.getCapacityReservationUsage(r -> r
            .capacityReservationId("cr-0a11c0de000000001").nextToken(current));
        pages.add(page);
        token = page.nextToken();
      } while (token != null);

      assertThat(pages).hasSize(2);
      assertThat(pages).flatExtracting(GetCapacityReservationUsageResponse::instanceUsages)
          .extracting(InstanceUsage::accountId, InstanceUsage::usedInstanceCount)
          .containsExactly(tuple(PLATFORM_ACCOUNT, 6), tuple(ML_RESEARCH_ACCOUNT, 2));
      GetCapacityReservationUsageResponse first = pages.get(0);
      assertThat(first.capacityReservationId()).isEqualTo("cr-0a11c0de000000001");
      assertThat(first.instanceType()).isEqualTo("m5.large");
      assertThat(first.totalInstanceCount()).isEqualTo(10);
      assertThat(first.availableInstanceCount()).isEqualTo(2);
      assertThat(first.stateAsString()).isEqualTo("active");
      assertThat(first.interruptible()).isFalse();
    }
  }

  @Test
  void usageOfALendingPairCarriesTheAllocationAndTheInterruptionInfo() {
    GetCapacityReservationUsageResponse source = platformUsEast.getCapacityReservationUsage(r -> r.capacityReservationId("cr-0a11c0de000000003"));
    GetCapacityReservationUsageResponse borrower = platformUsEast.getCapacityReservationUsage(r -> r.capacityReservationId("cr-0a11c0de000000004"));

    assertThat(source.interruptibleCapacityAllocation().instanceCount()).isEqualTo(4);
    assertThat(source.interruptibleCapacityAllocation().targetInstanceCount()).isEqualTo(4);
    assertThat(source.interruptibleCapacityAllocation().statusAsString()).isEqualTo("active");
    assertThat(source.interruptibleCapacityAllocation().interruptibleCapacityReservationId()).isEqualTo("cr-0a11c0de000000004");
    assertThat(source.interruptibleCapacityAllocation().interruptionTypeAsString()).isEqualTo("adhoc");
    assertThat(source.instanceUsages()).extracting(InstanceUsage::accountId, InstanceUsage::usedInstanceCount)
        .containsExactly(tuple(PLATFORM_ACCOUNT, 2));
    assertThat(borrower.interruptible()).isTrue();
    assertThat(borrower.interruptionInfo().sourceCapacityReservationId()).isEqualTo("cr-0a11c0de000000003");
    assertThat(borrower.interruptionInfo().interruptionTypeAsString()).isEqualTo("adhoc");
    assertThat(borrower.totalInstanceCount() - borrower.availableInstanceCount()).isEqualTo(3);
    assertThat(borrower.instanceUsages()).extracting(InstanceUsage::accountId, InstanceUsage::usedInstanceCount)
        .containsExactly(tuple(PLATFORM_ACCOUNT, 0), tuple(ML_RESEARCH_ACCOUNT, 3));
  }

  @Test
  void unknownReservationIdsAreNotFound() {
    server.useSnapshot(MIDNIGHT_DAY_ONE);

    assertThatThrownBy(() -> platformUsEast.getCapacityReservationUsage(r -> r.capacityReservationId("cr-0a11c0de000000004")))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidCapacityReservationId.NotFound");
        });
    assertThatThrownBy(() -> platformUsEast.describeCapacityReservations(r -> r.capacityReservationIds("cr-0a11c0de000000009")))
        .isInstanceOfSatisfying(Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidCapacityReservationId.NotFound"));
  }

  @Test
  void describeCapacityBlocksParsesEveryField() {
    List<CapacityBlock> blocks = platformUsEast.describeCapacityBlocksPaginator(r -> {}).capacityBlocks().stream().toList();

    assertThat(blocks).hasSize(1);
    CapacityBlock block = blocks.get(0);
    assertThat(block.capacityBlockId()).isEqualTo("cb-0a11c0de000000001");
    assertThat(block.availabilityZone()).isEqualTo("us-east-1e");
    assertThat(block.availabilityZoneId()).isEqualTo("use1-az3");
    assertThat(block.capacityReservationIds()).containsExactly("cr-0a11c0de000000005");
    assertThat(block.startDate()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    assertThat(block.endDate()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(block.createDate()).isEqualTo(Instant.parse("2026-11-15T09:30:00Z"));
    assertThat(block.stateAsString()).isEqualTo("active");
    assertThat(block.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(tuple("Name", "llm-training"), tuple("team", "ml-research"));
  }

  @Test
  void filtersAndIdsNarrowTheListing() {
    assertThat(platformUsEast.describeCapacityReservationsPaginator(r -> r.filters(
            Filter.builder().name("reservation-type").values("capacity-block").build())).capacityReservations())
        .extracting(CapacityReservation::capacityReservationId)
        .containsExactly("cr-0a11c0de000000005");
    assertThat(platformUsEast.describeCapacityReservationsPaginator(r -> r.filters(
            Filter.builder().name("instance-type").values("r5.2xlarge").build(),
            Filter.builder().name("tag:team").values("ml-research").build())).capacityReservations())
        .extracting(CapacityReservation::capacityReservationId)
        .containsExactly("cr-0a11c0de000000004");
    assertThat(platformUsEast.describeCapacityReservations(r -> r.capacityReservationIds(
            "cr-0a11c0de000000002", "cr-0a11c0de000000003")).capacityReservations())
        .extracting(CapacityReservation::capacityReservationId)
        .containsExactly("cr-0a11c0de000000002", "cr-0a11c0de000000003");
    assertThatThrownBy(() -> platformUsEast.describeCapacityReservations(r -> r.filters(
            Filter.builder().name("no-such-filter").values("x").build())))
        .isInstanceOfSatisfying(Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void everySnapshotReadsBackAsTheOrganisationDescribesIt() {
    for (var account : org.awsAccounts()) {
      for (String region : org.awsRegions()) {
        try (Ec2Client ec2 = SdkClients.ec2(server, account, region)) {
          for (Instant t : server.snapshotTimes()) {
            server.useSnapshot(t);
            var expected = org.capacityReservations(t, account.id(), region);
            var listed = ec2.describeCapacityReservationsPaginator(r -> {}).capacityReservations().stream().toList();

            assertThat(listed).extracting(CapacityReservation::capacityReservationId, CapacityReservation::stateAsString,
                    CapacityReservation::totalInstanceCount, CapacityReservation::availableInstanceCount)
                .as("%s %s %s", t, account.id(), region)
                .containsExactlyElementsOf(expected.stream().map(o -> tuple(o.reservation().id(), o.state().state(),
                    o.state().totalInstanceCount(), o.state().availableInstanceCount())).toList());
            for (var observation : expected) {
              var usage = ec2.getCapacityReservationUsage(r -> r.capacityReservationId(observation.reservation().id()).maxResults(1000));
              assertThat(usage.instanceUsages()).extracting(InstanceUsage::accountId, InstanceUsage::usedInstanceCount)
                  .as("%s %s", t, observation.reservation().id())
                  .containsExactlyElementsOf(observation.state().instanceUsages().stream()
                      .map(u -> tuple(u.accountId(), u.usedInstanceCount())).toList());
            }
          }
        }
      }
    }
  }

  @Test
  void unknownCredentialsAndRegionsAreRefused() {
    // EC2 answers AuthFailure with HTTP 401; the JDK's HttpURLConnection drops the body of a 401,
    // so through url-connection-client only the status arrives, as it would from AWS.
    var stranger = new AwsAccount("999999999999", "stranger", "AKIASTRANGER00000000", "secret");
    try (Ec2Client ec2 = SdkClients.ec2WithoutRetries(server, stranger, US_EAST_1);
         Ec2Client apSouth = SdkClients.ec2WithoutRetries(server, org.demoAccount(), "ap-south-1")) {
      assertThatThrownBy(() -> ec2.describeCapacityReservations(r -> {}))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(401));
      assertThatThrownBy(() -> apSouth.describeCapacityReservations(r -> {}))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }
    assertThat(server.calls()).extracting(ApiCall::accountId, ApiCall::region)
        .containsExactly(tuple(null, US_EAST_1), tuple(PLATFORM_ACCOUNT, "ap-south-1"));
  }

  @Test
  void dryRunAnswersLikeEc2() {
    assertThatThrownBy(() -> platformUsEast.describeCapacityReservations(r -> r.dryRun(true)))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(412);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        });
  }
}
