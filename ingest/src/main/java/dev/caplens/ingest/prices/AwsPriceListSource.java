package dev.caplens.ingest.prices;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * EC2 on-demand rates from the AWS Price List Query API (GetProducts, paged with the SDK
 * paginator). The filters pick the product a shared-tenancy, license-included instance that is
 * running (capacitystatus Used) is billed under; that is the rate an ODCR costs used or not.
 * Outposts and Capacity Blocks are not in this offer: their rates stay in the prices file.
 */
public final class AwsPriceListSource implements PriceSource {

  public static final String SERVICE_CODE = "AmazonEC2";
  /** The Price List Query API is served from us-east-1 (also eu-central-1, ap-south-1). */
  public static final Region PRICING_REGION = Region.US_EAST_1;
  static final int MAX_ATTEMPTS = 10;
  static final int MAX_RESULTS = 100;

  private final PricingClient pricing;

  public AwsPriceListSource(PricingClient pricing) {
    this.pricing = pricing;
  }

  /**
   * Production client: the default credentials chain, and the SDK's endpoint settings
   * ({@code AWS_ENDPOINT_URL_PRICING}, {@code AWS_ENDPOINT_URL}) unless {@code endpoint} is given.
   */
  public static AwsPriceListSource create(AwsCredentialsProvider credentials, URI endpointOrNull) {
    var builder = PricingClient.builder()
        .region(PRICING_REGION)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
            .apiCallAttemptTimeout(Duration.ofSeconds(60)));
    if (endpointOrNull != null) {
      builder.endpointOverride(endpointOrNull);
    }
    return new AwsPriceListSource(builder.build());
  }

  public static AwsPriceListSource fromEnvironment() {
    return create(DefaultCredentialsProvider.builder().build(), null);
  }

  @Override
  public String provider() {
    return "aws";
  }

  @Override
  public Optional<ListPrice> onDemandHourly(PriceQuery query) {
    Ec2Platforms.ProductAttributes platform = Ec2Platforms.productAttributes(query.platform())
        .orElseThrow(() -> new PriceLookupException(query + ": platform '" + query.platform()
            + "' has no Price List operatingSystem mapping; add its rate to the prices file by hand"));
    GetProductsRequest request = request(query, platform);
    List<String> priceList;
    try {
      priceList = pricing.getProductsPaginator(request).stream()
          .flatMap((GetProductsResponse page) -> page.priceList().stream())
          .toList();
    } catch (SdkException e) {
      throw new PriceLookupException(query + ": GetProducts failed: " + e.getMessage(), e);
    }
    return AwsPriceListRows.onDemandHourly(query, priceList);
  }

  /** The GetProducts request for one query: the product of a running, shared-tenancy, license-included instance. */
  static GetProductsRequest request(PriceQuery query, Ec2Platforms.ProductAttributes platform) {
    return GetProductsRequest.builder()
        .serviceCode(SERVICE_CODE)
        .formatVersion("aws_v1")
        .maxResults(MAX_RESULTS)
        .filters(
            term("instanceType", query.instanceType()),
            term("regionCode", query.region()),
            term("operatingSystem", platform.operatingSystem()),
            term("preInstalledSw", platform.preInstalledSw()),
            term("tenancy", "Shared"),
            term("capacitystatus", "Used"),
            term("licenseModel", "No License required"))
        .build();
  }

  private static Filter term(String field, String value) {
    return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
  }

  @Override
  public void close() {
    pricing.close();
  }
}
