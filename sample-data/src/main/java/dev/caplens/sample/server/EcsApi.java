package dev.caplens.sample.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caplens.sample.SampleOrgLayout;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Alibaba Cloud ECS RPC (API version 2014-05-26) with JSON replies. The action comes from the
 * {@code x-acs-action} header (or the {@code Action} parameter of the older signature), the
 * account from the access key, the region from {@code RegionId}.
 */
final class EcsApi implements CloudApi {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Filters of DescribeCapacityReservations that compare one top-level field of a pool. */
  private static final Map<String, String> POOL_FILTERS = Map.of(
      "Status", "/Status",
      "InstanceChargeType", "/InstanceChargeType",
      "Platform", "/Platform",
      "ResourceGroupId", "/ResourceGroupId");
  private static final Set<String> UNSUPPORTED_FILTERS = Set.of("InstanceType", "ZoneId");
  private static final int DEFAULT_MAX_RESULTS = 10;

  private final ServedCloud organisation;
  private final AliyunIdentities identities;
  private final PageTokens tokens;
  private final int pageSize;

  EcsApi(ServedCloud organisation, AliyunIdentities identities, PageTokens tokens, int pageSize) {
    this.organisation = organisation;
    this.identities = identities;
    this.tokens = tokens;
    this.pageSize = pageSize;
  }

  @Override
  public CloudService service() {
    return CloudService.ECS;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    String action = request.header("x-acs-action") != null ? request.header("x-acs-action") : request.parameter("Action");
    String accountId = identities.accountOf(request).orElse(null);
    String nextToken = request.parameter("NextToken");
    return new ApiCall(number, service(), action, accountId, request.parameter("RegionId"),
        nextToken != null && !nextToken.isEmpty());
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    AliyunIdentities.requireKnownCaller(request, call);
    identities.requireReadAccess(request);
    if (call.region() == null) {
      throw new ApiError(400, "MissingParameter", "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.");
    }
    if (!organisation.aliyunRegions().contains(call.region())) {
      throw new ApiError(404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.");
    }
    String action = call.action() == null ? "" : call.action();
    return switch (action) {
      case "DescribeCapacityReservations" -> capacityReservations(request, call, snapshot);
      case "DescribeCapacityReservationInstances" -> reservationInstances(request, call, snapshot);
      case "DescribePrice" -> price(request, call);
      default -> throw new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    };
  }

  @Override
  public ApiReply error(ApiError error) {
    return errorReply("ecs.aliyuncs.com", error);
  }

  /** An Alibaba RPC error body, as every Alibaba API answers it. */
  static ApiReply errorReply(String host, ApiError error) {
    ObjectNode body = JsonPages.object()
        .put("RequestId", requestId())
        .put("HostId", host)
        .put("Code", error.code())
        .put("Message", error.getMessage())
        .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + error.code());
    return new ApiReply(error.httpStatus(), "application/json;charset=utf-8", Map.of(), JsonPages.write(body));
  }

  private ApiReply capacityReservations(ApiRequest request, ApiCall call, Instant snapshot) {
    for (String name : request.parameters().keySet()) {
      if (UNSUPPORTED_FILTERS.contains(name) || name.startsWith("Tag.")) {
        throw new ApiError(400, "InvalidParameter", "the sample server does not filter DescribeCapacityReservations by " + name);
      }
    }
    List<String> ids = poolIds(request.parameter("PrivatePoolOptions.Ids"));
    Predicate<JsonNode> filter = pool -> ids.isEmpty() || ids.contains(pool.path("PrivatePoolOptionsId").asText());
    Map<String, String> filterKey = new TreeMap<>();
    filterKey.put("Ids", String.valueOf(ids));
    for (Map.Entry<String, String> poolFilter : POOL_FILTERS.entrySet()) {
      String value = request.parameter(poolFilter.getKey());
      if (value != null) {
        filter = filter.and(pool -> value.equals(pool.at(poolFilter.getValue()).asText()));
        filterKey.put(poolFilter.getKey(), value);
      }
    }
    String query = String.join("|", "DescribeCapacityReservations", call.accountId(), call.region(), filterKey.toString());
    String file = SampleOrgLayout.ecs(snapshot, call.accountId(), call.region(), "DescribeCapacityReservations");
    return page(request, query, file, "/CapacityReservationSet/CapacityReservationItem", filter,
        () -> new ApiError(500, "InternalError", "sample-org has no file " + file));
  }

  private ApiReply reservationInstances(ApiRequest request, ApiCall call, Instant snapshot) {
    String poolId = request.parameter("PrivatePoolOptions.Id");
    if (poolId == null) {
      throw new ApiError(400, "MissingParameter.PrivatePoolOptions.Id", "The specified PrivatePoolOptions.Id should not be null.");
    }
    String query = String.join("|", "DescribeCapacityReservationInstances", call.accountId(), call.region(), poolId);
    String file = SampleOrgLayout.ecs(snapshot, call.accountId(), call.region(), "DescribeCapacityReservationInstances", poolId);
    return page(request, query, file, "/CapacityReservationItem/InstanceIdSet", item -> true,
        () -> new ApiError(400, "Invalid.PrivatePoolOptions.Id", "The PrivatePool does not exist."));
  }

  /**
   * The pay-as-you-go price of one instance type (ResourceType instance), from the recorded reply
   * for its region, type and platform; PriceUnit Hour only, as caplens asks for.
   */
  private ApiReply price(ApiRequest request, ApiCall call) {
    String resourceType = request.parameter("ResourceType") == null ? "instance" : request.parameter("ResourceType");
    String instanceType = request.parameter("InstanceType");
    if (!resourceType.equals("instance")) {
      throw new ApiError(400, "InvalidParameter", "the sample server prices ResourceType instance only, not " + resourceType);
    }
    if (instanceType == null) {
      throw new ApiError(400, "MissingParameter", "The input parameter \"InstanceType\" that is mandatory for processing this request is not supplied.");
    }
    if (!"Hour".equals(request.parameter("PriceUnit"))) {
      throw new ApiError(400, "InvalidParameter", "the sample server has hourly prices only (PriceUnit Hour)");
    }
    String platform = request.parameter("Platform") == null ? "linux" : request.parameter("Platform");
    ObjectNode reply = JsonPages.parse(SampleFiles.readPriceReply(SampleOrgLayout.ecsPrice(call.region(), instanceType, platform))
        .orElseThrow(() -> new ApiError(403, "InvalidInstanceType.ValueNotSupported",
            "The specified InstanceType does not exist or beyond the permitted range.")));
    reply.put("RequestId", requestId());
    return new ApiReply(200, "application/json;charset=utf-8", Map.of(), JsonPages.write(reply));
  }

  private ApiReply page(ApiRequest request, String query, String currentFile, String pointer,
      Predicate<JsonNode> filter, Supplier<ApiError> missing) {
    Integer maxResults = request.intParameter("MaxResults", 1, 100,
        new ApiError(400, "InvalidParameter.MaxResults", "The specified parameter MaxResults is not valid: expecting 1 to 100."));
    PageTokens.Cursor cursor = tokens.start(request.parameter("NextToken"), query, currentFile).orElseThrow(() ->
        new ApiError(400, "InvalidParameter.NextToken", "The specified parameter NextToken is not valid."));
    ObjectNode reply = JsonPages.parse(organisation.reply(cursor.file()).orElseThrow(missing));
    List<JsonNode> items = JsonPages.items(reply, pointer, filter);
    int limit = Math.min(maxResults == null ? DEFAULT_MAX_RESULTS : maxResults, pageSize);
    PageTokens.Page page = tokens.page(cursor, items.size(), limit, PageTokens.Format.HEX);
    JsonPages.keep(reply, pointer, items, page);
    reply.put("RequestId", requestId())
        .put("TotalCount", items.size())
        .put("MaxResults", limit)
        .put("NextToken", page.nextToken() == null ? "" : page.nextToken());
    return new ApiReply(200, "application/json;charset=utf-8", Map.of(), JsonPages.write(reply));
  }

  /** PrivatePoolOptions.Ids is a JSON array of pool ids. */
  private static List<String> poolIds(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (Exception e) {
      throw new ApiError(400, "InvalidParameter", "PrivatePoolOptions.Ids must be a JSON array of ids, was " + json);
    }
  }

  static String requestId() {
    return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  }
}
