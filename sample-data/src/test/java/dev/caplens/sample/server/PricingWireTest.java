package dev.caplens.sample.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.SampleOrganisation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;
import software.amazon.awssdk.services.pricing.model.InvalidParameterException;

/** The recorded Price List replies read back through the real AWS SDK pricing client (AWS JSON 1.1). */
class PricingWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleCloudServer server;
  private PricingClient pricing;

  @BeforeEach
  void start() {
    server = SampleCloudServer.start(2);
    server.useSnapshot(Instant.parse("2026-11-20T12:00:00Z"));
    AwsAccount account = new SampleOrganisation().demoAccount();
    pricing = PricingClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @AfterEach
  void stop() {
    pricing.close();
    server.close();
  }

  private static Filter term(String field, String value) {
    return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
  }

  @Test
  void getProductsFiltersByEveryTermAndPagesWithTokens() throws Exception {
    GetProductsRequest request = GetProductsRequest.builder()
        .serviceCode("AmazonEC2").formatVersion("aws_v1")
        .filters(term("instanceType", "m5.large"), term("regionCode", "us-east-1"))
        .build();

    List<GetProductsResponse> pages = pricing.getProductsPaginator(request).stream().toList();

    // m5.large in us-east-1 has 9 recorded products; two a page: 5 pages, the last without a token.
    assertThat(pages).hasSize(5);
    assertThat(pages.get(0).nextToken()).isNotEmpty();
    assertThat(pages.get(4).nextToken()).isNull();
    assertThat(pages).allSatisfy(p -> assertThat(p.formatVersion()).isEqualTo("aws_v1"));
    List<JsonNode> products = pages.stream().flatMap(p -> p.priceList().stream()).map(PricingWireTest::parse).toList();
    assertThat(products).hasSize(9)
        .allSatisfy(p -> assertThat(p.at("/product/attributes/instanceType").asText()).isEqualTo("m5.large"));
    assertThat(products.stream().map(p -> p.at("/product/sku").asText()).distinct()).hasSize(9);
  }

  @Test
  void theOnDemandFiltersLeaveOneProductWithItsHourlyUsdRate() throws Exception {
    GetProductsResponse reply = pricing.getProducts(GetProductsRequest.builder()
        .serviceCode("AmazonEC2")
        .filters(term("instanceType", "m5.large"), term("regionCode", "us-east-1"), term("operatingSystem", "Linux"),
            term("tenancy", "Shared"), term("preInstalledSw", "NA"), term("capacitystatus", "Used"),
            term("licenseModel", "No License required"))
        .build());

    assertThat(reply.priceList()).singleElement().satisfies(text -> {
      JsonNode onDemand = parse(text).at("/terms/OnDemand");
      JsonNode dimension = onDemand.elements().next().path("priceDimensions").elements().next();
      assertThat(dimension.path("unit").asText()).isEqualTo("Hrs");
      assertThat(dimension.at("/pricePerUnit/USD").asText()).isEqualTo("0.0960000000");
    });
  }

  @Test
  void anInstanceTypeWithoutARecordingHasNoProducts() {
    GetProductsResponse reply = pricing.getProducts(GetProductsRequest.builder()
        .serviceCode("AmazonEC2").filters(term("instanceType", "x2idn.16xlarge")).build());

    assertThat(reply.priceList()).isEmpty();
    assertThat(reply.nextToken()).isNull();
  }

  @Test
  void badRequestsAreJsonErrorsTheSdkNames() {
    assertThatThrownBy(() -> pricing.getProducts(GetProductsRequest.builder()
        .serviceCode("AmazonEC2").filters(Filter.builder().type("ANY_OF").field("instanceType").value("m5.large").build())
        .build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Filter Type ANY_OF is not supported");
    assertThat(server.calls()).last().satisfies(call -> {
      assertThat(call.service()).isEqualTo(CloudService.PRICING);
      assertThat(call.action()).isEqualTo("GetProducts");
      assertThat(call.region()).isEqualTo("us-east-1");
    });
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("a PriceList entry is not JSON: " + text, e);
    }
  }
}
