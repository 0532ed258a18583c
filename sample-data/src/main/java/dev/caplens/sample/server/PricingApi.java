package dev.caplens.sample.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caplens.sample.SampleOrgLayout;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The AWS Price List Query API (service {@code pricing}) in its AWS JSON 1.1 protocol: a POST whose
 * {@code X-Amz-Target} names the operation, a JSON body, a JSON reply whose {@code PriceList} is an
 * array of JSON documents encoded as strings. GetProducts answers from the recorded replies of
 * {@link SampleOrgLayout#pricing}, keeps the products every TERM_MATCH filter matches and pages
 * them with opaque tokens. Prices do not change between snapshots.
 */
final class PricingApi implements CloudApi {

  static final String TARGET_PREFIX = "AWSPriceListService.";
  /** The Price List Query API is served from these regions only. */
  private static final Set<String> ENDPOINT_REGIONS = Set.of("us-east-1", "eu-central-1", "ap-south-1");
  private static final int DEFAULT_MAX_RESULTS = 100;
  private static final String JSON_1_1 = "application/x-amz-json-1.1";

  private final ServedCloud organisation;
  private final AwsIdentities identities;
  private final PageTokens tokens;
  private final int pageSize;

  PricingApi(ServedCloud organisation, AwsIdentities identities, PageTokens tokens, int pageSize) {
    this.organisation = organisation;
    this.identities = identities;
    this.tokens = tokens;
    this.pageSize = pageSize;
  }

  @Override
  public CloudService service() {
    return CloudService.PRICING;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    AwsIdentities.Caller caller = identities.caller(request);
    String target = request.header("X-Amz-Target");
    String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    String nextToken;
    try {
      nextToken = body(request).path("NextToken").asText("");
    } catch (ApiError unreadable) {
      nextToken = "";
    }
    return new ApiCall(number, service(), operation, caller.accountId(), caller.region(), !nextToken.isEmpty());
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    if (call.accountId() == null) {
      throw new ApiError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!ENDPOINT_REGIONS.contains(call.region())) {
      throw new ApiError(400, "InvalidSignatureException",
          "Credential should be scoped to a valid region: the Price List API is in " + ENDPOINT_REGIONS);
    }
    if (!"POST".equals(request.method()) || !"GetProducts".equals(call.action())) {
      throw new ApiError(400, "UnknownOperationException", "Unknown operation " + request.header("X-Amz-Target"));
    }
    return getProducts(body(request));
  }

  @Override
  public ApiReply error(ApiError error) {
    ObjectNode body = JsonPages.object().put("__type", error.code()).put("Message", error.getMessage());
    return new ApiReply(error.httpStatus(), JSON_1_1, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()),
        JsonPages.write(body));
  }

  private ApiReply getProducts(ObjectNode body) {
    String serviceCode = body.path("ServiceCode").asText("");
    if (serviceCode.isEmpty()) {
      throw new ApiError(400, "InvalidParameterException", "ServiceCode is required");
    }
    String formatVersion = body.path("FormatVersion").asText("aws_v1");
    if (!formatVersion.equals("aws_v1")) {
      throw new ApiError(400, "InvalidParameterException", "FormatVersion " + formatVersion + " is not supported");
    }
    int maxResults = body.path("MaxResults").asInt(DEFAULT_MAX_RESULTS);
    if (maxResults < 1 || maxResults > 100) {
      throw new ApiError(400, "InvalidParameterException", "MaxResults must be between 1 and 100");
    }
    Predicate<JsonNode> filter = filters(body.path("Filters"));
    String query = "GetProducts|" + serviceCode + "|" + body.path("Filters");
    PageTokens.Cursor cursor = tokens.start(body.path("NextToken").asText(""), query, serviceCode)
        .orElseThrow(() -> new ApiError(400, "InvalidNextTokenException", "The NextToken is not valid"));
    List<JsonNode> products = new ArrayList<>();
    for (String region : organisation.awsRegions()) {
      SampleFiles.readPriceReply(SampleOrgLayout.pricing(cursor.file(), region)).map(JsonPages::parse).ifPresent(reply ->
          reply.path("PriceList").forEach(product -> {
            if (filter.test(JsonPages.parse(product.asText()))) {
              products.add(product);
            }
          }));
    }
    PageTokens.Page page = tokens.page(cursor, products.size(), Math.min(maxResults, pageSize), PageTokens.Format.BASE64);
    ObjectNode reply = JsonPages.object().put("FormatVersion", formatVersion);
    ArrayNode priceList = reply.putArray("PriceList");
    products.subList(page.from(), page.to()).forEach(priceList::add);
    if (page.nextToken() != null) {
      reply.put("NextToken", page.nextToken());
    }
    return new ApiReply(200, JSON_1_1, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()), JsonPages.write(reply));
  }

  /** TERM_MATCH on a product attribute (or the product's ServiceCode / sku), as the real API does. */
  private static Predicate<JsonNode> filters(JsonNode filters) {
    Predicate<JsonNode> all = product -> true;
    for (JsonNode filter : filters) {
      String type = filter.path("Type").asText("");
      if (!type.equals("TERM_MATCH")) {
        throw new ApiError(400, "InvalidParameterException", "Filter Type " + type + " is not supported");
      }
      String field = filter.path("Field").asText();
      String value = filter.path("Value").asText();
      all = all.and(product -> value.equals(attribute(product, field)));
    }
    return all;
  }

  private static String attribute(JsonNode product, String field) {
    if (field.equalsIgnoreCase("ServiceCode")) {
      return product.path("serviceCode").asText();
    }
    if (field.equalsIgnoreCase("sku")) {
      return product.path("product").path("sku").asText();
    }
    JsonNode attributes = product.path("product").path("attributes");
    for (var entry : (Iterable<Map.Entry<String, JsonNode>>) attributes::fields) {
      if (entry.getKey().equalsIgnoreCase(field)) {
        return entry.getValue().asText();
      }
    }
    return null;
  }

  private static ObjectNode body(ApiRequest request) {
    if (request.body() == null || request.body().isBlank()) {
      return JsonPages.object();
    }
    try {
      return JsonPages.parse(request.body());
    } catch (RuntimeException e) {
      throw new ApiError(400, "SerializationException", "the request body is not a JSON object");
    }
  }
}
