package dev.caplens.sample.server;

import static dev.caplens.sample.SampleOrganisation.ALIYUN_OWNER_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.ALIYUN_SECOND_ACCOUNT;
import static dev.caplens.sample.SampleOrganisation.CN_HANGZHOU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesRequest;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesRequest.DescribeCapacityReservationInstancesRequestPrivatePoolOptions;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesResponseBody;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesResponseBody.DescribeCapacityReservationInstancesResponseBodyCapacityReservationItemInstanceIdSet;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsRequest;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsRequest.DescribeCapacityReservationsRequestPrivatePoolOptions;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResource;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResourceCapacityReservationUsagesCapacityReservationUsage;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemTagsTag;
import com.aliyun.ecs20140526.models.DescribePriceRequest;
import com.aliyun.ecs20140526.models.DescribePriceResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alibaba Cloud ECS replies read back through the real Tea SDK client. */
class AliyunWireTest {

  private static final String WEB_POOL = "crp-bp1a11c0de0000001";
  private static final String BATCH_POOL = "crp-bp1a11c0de0000002";

  private final SampleOrganisation org = new SampleOrganisation();
  private SampleCloudServer server;
  private Client ecs;

  @BeforeEach
  void start() throws Exception {
    server = SampleCloudServer.start(1);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
    ecs = client(org.aliyunAccount().accessKeyId(), org.aliyunAccount().accessKeySecret());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void describeCapacityReservationsParsesEveryFieldAcrossPages() throws Exception {
    List<DescribeCapacityReservationsResponseBody> pages = new ArrayList<>();
    String token = null;
    do {
      DescribeCapacityReservationsResponseBody page = ecs.describeCapacityReservations(
          new DescribeCapacityReservationsRequest().setRegionId(CN_HANGZHOU).setMaxResults(100).setNextToken(token)).getBody();
      pages.add(page);
      token = page.getNextToken();
    } while (!token.isEmpty());

    assertThat(pages).hasSize(2);
    assertThat(pages).allSatisfy(page -> {
      assertThat(page.getTotalCount()).isEqualTo(2);
      assertThat(page.getMaxResults()).isEqualTo(1);
      assertThat(page.getRequestId()).isNotBlank();
    });
    assertThat(pages.get(0).getNextToken()).matches("[0-9a-f]{32}");
    List<DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem> pools = pages.stream()
        .flatMap(p -> p.getCapacityReservationSet().getCapacityReservationItem().stream()).toList();
    assertThat(pools).extracting(p -> p.getPrivatePoolOptionsId()).containsExactly(WEB_POOL, BATCH_POOL);

    var web = pools.get(0);
    assertThat(web.getPrivatePoolOptionsName()).isEqualTo("web-pool");
    assertThat(web.getPrivatePoolOptionsMatchCriteria()).isEqualTo("Open");
    assertThat(web.getCapacityReservationOwnerId()).isEqualTo(ALIYUN_OWNER_ACCOUNT);
    assertThat(web.getStatus()).isEqualTo("Active");
    assertThat(web.getStartTime()).isEqualTo("2026-11-01T00:00Z");
    assertThat(web.getEndTime()).isNull();
    assertThat(web.getEndTimeType()).isEqualTo("Unlimited");
    assertThat(web.getInstanceChargeType()).isEqualTo("PostPaid");
    assertThat(web.getPlatform()).isEqualTo("linux");
    assertThat(web.getRegionId()).isEqualTo(CN_HANGZHOU);
    assertThat(web.getResourceGroupId()).isEqualTo("rg-acfmcaplens00001");
    assertThat(web.getTags().getTag())
        .extracting(DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemTagsTag::getTagKey,
            DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemTagsTag::getTagValue)
        .containsExactly(tuple("team", "platform"));
    var webResource = web.getAllocatedResources().getAllocatedResource();
    assertThat(webResource)
        .extracting(r -> r.getInstanceType(), r -> r.getZoneId(), r -> r.getTotalAmount(), r -> r.getUsedAmount(),
            r -> r.getAvailableAmount())
        .containsExactly(tuple("ecs.g7.large", "cn-hangzhou-h", 10, 6, 4));
    assertThat(usages(webResource.get(0)))
        .containsExactly(tuple(ALIYUN_OWNER_ACCOUNT, "ECS", 4), tuple(ALIYUN_SECOND_ACCOUNT, "ECS", 2));

    var batchResources = pools.get(1).getAllocatedResources().getAllocatedResource();
    assertThat(batchResources)
        .extracting(r -> r.getInstanceType(), r -> r.getZoneId(), r -> r.getTotalAmount(), r -> r.getUsedAmount(),
            r -> r.getAvailableAmount())
        .containsExactly(tuple("ecs.c7.xlarge", "cn-hangzhou-i", 4, 4, 0), tuple("ecs.c7.xlarge", "cn-hangzhou-j", 4, 1, 3));
    assertThat(usages(batchResources.get(0))).containsExactly(tuple(ALIYUN_OWNER_ACCOUNT, "ECS", 4));
    assertThat(usages(batchResources.get(1))).containsExactly(tuple(ALIYUN_SECOND_ACCOUNT, "ECS", 1));

    assertThat(server.calls()).extracting(ApiCall::service, ApiCall::action, ApiCall::accountId, ApiCall::region)
        .containsOnly(tuple(CloudService.ECS, "DescribeCapacityReservations", ALIYUN_OWNER_ACCOUNT, CN_HANGZHOU));
  }

  @Test
  void poolIdsNarrowTheListing() throws Exception {
    DescribeCapacityReservationsResponseBody body = ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest()
        .setRegionId(CN_HANGZHOU)
        .setPrivatePoolOptions(new DescribeCapacityReservationsRequestPrivatePoolOptions().setIds("[\"" + BATCH_POOL + "\"]"))).getBody();

    assertThat(body.getCapacityReservationSet().getCapacityReservationItem())
        .extracting(p -> p.getPrivatePoolOptionsId()).containsExactly(BATCH_POOL);
    assertThat(body.getNextToken()).isEmpty();
  }

  @Test
  void describeCapacityReservationInstancesIsPaged() throws Exception {
    server.close();
    server = SampleCloudServer.start(4);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
    ecs = client(org.aliyunAccount().accessKeyId(), org.aliyunAccount().accessKeySecret());

    List<String> instanceIds = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = "";
    do {
      DescribeCapacityReservationInstancesResponseBody page = ecs.describeCapacityReservationInstances(
          new DescribeCapacityReservationInstancesRequest().setRegionId(CN_HANGZHOU).setNextToken(token)
              .setPrivatePoolOptions(new DescribeCapacityReservationInstancesRequestPrivatePoolOptions().setId(WEB_POOL)))
          .getBody();
      page.getCapacityReservationItem().getInstanceIdSet().stream()
          .map(DescribeCapacityReservationInstancesResponseBodyCapacityReservationItemInstanceIdSet::getInstanceId)
          .forEach(instanceIds::add);
      pageSizes.add(page.getCapacityReservationItem().getInstanceIdSet().size());
      assertThat(page.getTotalCount()).isEqualTo(6);
      token = page.getNextToken();
    } while (!token.isEmpty());

    assertThat(pageSizes).containsExactly(4, 2);
    assertThat(instanceIds).hasSize(6).doesNotHaveDuplicates().allMatch(id -> id.startsWith("i-bp1"));
  }

  @Test
  void errorsArriveAsTeaExceptions() throws Exception {
    assertThatThrownBy(() -> ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest()
            .setRegionId(CN_HANGZHOU).setNextToken("0123456789abcdef0123456789abcdef")))
        .isInstanceOfSatisfying(TeaException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getCode()).isEqualTo("InvalidParameter.NextToken");
        });
    assertThatThrownBy(() -> ecs.describeCapacityReservationInstances(new DescribeCapacityReservationInstancesRequest()
            .setRegionId(CN_HANGZHOU)
            .setPrivatePoolOptions(new DescribeCapacityReservationInstancesRequestPrivatePoolOptions().setId("crp-bp1nosuchpool0000"))))
        .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("Invalid.PrivatePoolOptions.Id"));
    assertThatThrownBy(() -> ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest().setRegionId("cn-beijing")))
        .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("InvalidRegionId.NotFound"));
    Client stranger = client("LTAI5tStrangerKey0000", "secret");
    assertThatThrownBy(() -> stranger.describeCapacityReservations(new DescribeCapacityReservationsRequest().setRegionId(CN_HANGZHOU)))
        .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("InvalidAccessKeyId.NotFound"));
  }

  @Test
  void throttlingIsAnHttp400TheClientDoesNotRetry() {
    server.injectFaults(FaultPlan.firstRequests(1, Fault.aliyunThrottling()));

    assertThatThrownBy(() -> ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest().setRegionId(CN_HANGZHOU)))
        .isInstanceOfSatisfying(TeaException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getCode()).isEqualTo("Throttling");
        });
    assertThat(server.calls()).hasSize(1);
  }

  @Test
  void pastItsRateLimitEcsAnswersThrottlingWhileAnotherApiIsNotLimited() throws Exception {
    // Burst 1, and the bucket's clock never moves: one ECS call, then every ECS call is over the limit.
    server.limitRate(CloudService.ECS, new TokenBucket(1, 1, () -> 0L));
    ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest().setRegionId(CN_HANGZHOU));

    assertThatThrownBy(() -> ecs.describeCapacityReservations(new DescribeCapacityReservationsRequest().setRegionId(CN_HANGZHOU)))
        .isInstanceOfSatisfying(TeaException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getCode()).isEqualTo("Throttling");
        });
    try (var ec2 = SdkClients.ec2WithoutRetries(server, org.demoAccount(), SampleOrganisation.US_EAST_1)) {
      assertThat(ec2.describeCapacityReservations(r -> {}).capacityReservations()).isNotEmpty();
    }
    assertThat(server.throttledCalls()).extracting(ApiCall::number, ApiCall::service).containsExactly(tuple(2, CloudService.ECS));
  }

  @Test
  void describePriceGivesTheHourlyTradePriceOfTheInstanceAndItsSystemDisk() throws Exception {
    DescribePriceResponseBody.DescribePriceResponseBodyPriceInfoPrice price = ecs.describePrice(new DescribePriceRequest()
        .setRegionId(CN_HANGZHOU).setResourceType("instance").setInstanceType("ecs.g7.large").setPriceUnit("Hour")
        .setPlatform("linux")).getBody().getPriceInfo().getPrice();

    assertThat(price.getCurrency()).isEqualTo("CNY");
    // The total includes the default system disk (0.021); the instance alone is 0.69.
    assertThat(price.getTradePrice()).isEqualTo(0.711f);
    assertThat(price.getDetailInfos().getDetailInfo())
        .extracting(d -> d.getResource(), d -> d.getTradePrice())
        .containsExactly(tuple("instanceType", 0.69f), tuple("systemDisk", 0.021f));

    assertThatThrownBy(() -> ecs.describePrice(new DescribePriceRequest()
        .setRegionId(CN_HANGZHOU).setResourceType("instance").setInstanceType("ecs.unknown").setPriceUnit("Hour")))
        .isInstanceOfSatisfying(TeaException.class,
            e -> assertThat(e.getCode()).isEqualTo("InvalidInstanceType.ValueNotSupported"));
  }

  private Client client(String accessKeyId, String secret) throws Exception {
    return new Client(new Config()
        .setAccessKeyId(accessKeyId)
        .setAccessKeySecret(secret)
        .setEndpoint("127.0.0.1:" + server.endpoint().getPort())
        .setProtocol("HTTP"));
  }

  private static List<Tuple> usages(
      DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResource resource) {
    return resource.getCapacityReservationUsages().getCapacityReservationUsage().stream()
        .map((DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResourceCapacityReservationUsagesCapacityReservationUsage u) ->
            tuple(u.getAccountId(), u.getServiceName(), u.getUsedAmount()))
        .toList();
  }
}
