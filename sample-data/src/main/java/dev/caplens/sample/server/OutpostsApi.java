package dev.caplens.sample.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caplens.sample.SampleOrgLayout;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Outposts REST-JSON: GET routes with path and query parameters, JSON replies, errors named by
 * the {@code x-amzn-ErrorType} header. Account and region come from the SigV4 credential.
 */
final class OutpostsApi implements CloudApi {

  /** A route of the Outposts API model and, for list calls, the array it pages and the filters it takes. */
  private record Route(String operation, Pattern path, String itemsField, Map<String, String> filterFields) {

    boolean paged() {
      return itemsField != null;
    }
  }

  private static final List<Route> ROUTES = List.of(
      new Route("ListOutposts", Pattern.compile("/outposts"), "Outposts", Map.of(
          "LifeCycleStatusFilter", "/LifeCycleStatus",
          "AvailabilityZoneFilter", "/AvailabilityZone",
          "AvailabilityZoneIdFilter", "/AvailabilityZoneId")),
      new Route("ListAssets", Pattern.compile("/outposts/([^/]+)/assets"), "Assets", Map.of(
          "HostIdFilter", "/ComputeAttributes/HostId",
          "StatusFilter", "/ComputeAttributes/State")),
      new Route("ListAssetInstances", Pattern.compile("/outposts/([^/]+)/assetInstances"), "AssetInstances", Map.of(
          "AssetIdFilter", "/AssetId",
          "InstanceTypeFilter", "/InstanceType",
          "AccountIdFilter", "/AccountId",
          "AwsServiceFilter", "/AwsServiceName")),
      new Route("ListCapacityTasks", Pattern.compile("/capacity/tasks"), "CapacityTasks", Map.of(
          "OutpostIdentifierFilter", "/OutpostId",
          "CapacityTaskStatusFilter", "/CapacityTaskStatus")),
      new Route("GetCapacityTask", Pattern.compile("/outposts/([^/]+)/capacity/([^/]+)"), null, Map.of()));

  private static final Set<String> PAGING_PARAMETERS = Set.of("NextToken", "MaxResults");

  private final ServedCloud organisation;
  private final AwsIdentities identities;
  private final PageTokens tokens;
  private final int pageSize;

  OutpostsApi(ServedCloud organisation, AwsIdentities identities, PageTokens tokens, int pageSize) {
    this.organisation = organisation;
    this.identities = identities;
    this.tokens = tokens;
    this.pageSize = pageSize;
  }

  @Override
  public CloudService service() {
    return CloudService.OUTPOSTS;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    AwsIdentities.Caller caller = identities.caller(request);
    String operation = ROUTES.stream().filter(r -> r.path().matcher(request.rawPath()).matches())
        .map(Route::operation).findFirst().orElse(null);
    return new ApiCall(number, service(), operation, caller.accountId(), caller.region(),
        request.parameter("NextToken") != null);
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    if (call.accountId() == null) {
      throw new ApiError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!organisation.awsRegions().contains(call.region())) {
      throw new ApiError(403, "InvalidSignatureException", "Credential should be scoped to a valid region, not '" + call.region() + "'.");
    }
    Matcher path = null;
    Route route = null;
    for (Route candidate : ROUTES) {
      Matcher m = candidate.path().matcher(request.rawPath());
      if (request.method().equals("GET") && m.matches()) {
        route = candidate;
        path = m;
        break;
      }
    }
    if (route == null) {
      throw new ApiError(404, "UnknownOperationException", request.method() + " " + request.rawPath() + " is not an Outposts operation");
    }
    if (!route.paged()) {
      return capacityTask(call, snapshot, outpostId(path.group(1)), ApiRequest.decode(path.group(2)));
    }
    String outpostId = path.groupCount() >= 1 ? outpostId(path.group(1)) : null;
    String file = outpostId == null
        ? SampleOrgLayout.outposts(snapshot, call.accountId(), call.region(), route.operation())
        : SampleOrgLayout.outposts(snapshot, call.accountId(), call.region(), route.operation(), outpostId);
    String query = String.join("|", route.operation(), call.accountId(), call.region(), String.valueOf(outpostId),
        filterKey(request));
    return page(request, route, query, file, filters(request, route));
  }

  @Override
  public ApiReply error(ApiError error) {
    ObjectNode body = JsonPages.object().put("message", error.getMessage());
    return new ApiReply(error.httpStatus(), "application/json",
        Map.of("x-amzn-ErrorType", error.code(), "x-amzn-RequestId", UUID.randomUUID().toString()),
        JsonPages.write(body));
  }

  private ApiReply page(ApiRequest request, Route route, String query, String currentFile, Predicate<JsonNode> filter) {
    Integer maxResults = request.intParameter("MaxResults", 1, 1000,
        new ApiError(400, "ValidationException", "MaxResults must be between 1 and 1000"));
    PageTokens.Cursor cursor = tokens.start(request.parameter("NextToken"), query, currentFile)
        .orElseThrow(() -> new ApiError(400, "ValidationException", "Invalid NextToken"));
    ObjectNode reply = JsonPages.parse(organisation.reply(cursor.file()).orElseThrow(() ->
        new ApiError(404, "NotFoundException", "Outpost not found for this account: " + cursor.file())));
    String pointer = "/" + route.itemsField();
    List<JsonNode> items = JsonPages.items(reply, pointer, filter);
    int limit = maxResults == null ? pageSize : Math.min(maxResults, pageSize);
    PageTokens.Page page = tokens.page(cursor, items.size(), limit, PageTokens.Format.OFFSET_PREFIXED);
    JsonPages.keep(reply, pointer, items, page);
    if (page.nextToken() != null) {
      reply.put("NextToken", page.nextToken());
    }
    return ok(reply);
  }

  private ApiReply capacityTask(ApiCall call, Instant snapshot, String outpostId, String taskId) {
    String file = SampleOrgLayout.outposts(snapshot, call.accountId(), call.region(), "GetCapacityTask", taskId);
    ObjectNode task = organisation.reply(file).map(JsonPages::parse)
        .filter(t -> t.path("OutpostId").asText().equals(outpostId))
        .orElseThrow(() -> new ApiError(404, "NotFoundException", "Capacity task " + taskId + " not found on " + outpostId));
    return ok(task);
  }

  private static ApiReply ok(ObjectNode reply) {
    return new ApiReply(200, "application/json", Map.of("x-amzn-RequestId", UUID.randomUUID().toString()),
        JsonPages.write(reply));
  }

  /** An OutpostIdentifier is an id or an ARN ending in {@code outpost/<id>}. */
  private static String outpostId(String encodedIdentifier) {
    String identifier = ApiRequest.decode(encodedIdentifier);
    return identifier.substring(identifier.lastIndexOf('/') + 1);
  }

  private static Predicate<JsonNode> filters(ApiRequest request, Route route) {
    Predicate<JsonNode> all = item -> true;
    for (String name : request.parameters().keySet()) {
      if (PAGING_PARAMETERS.contains(name)) {
        continue;
      }
      String field = route.filterFields().get(name);
      if (field == null) {
        throw new ApiError(400, "ValidationException", route.operation() + " does not take the parameter " + name);
      }
      List<String> values = request.parameters(name).stream()
          .map(v -> name.equals("OutpostIdentifierFilter") ? v.substring(v.lastIndexOf('/') + 1) : v)
          .toList();
      all = all.and(item -> values.contains(item.at(field).asText()));
    }
    return all;
  }

  private static String filterKey(ApiRequest request) {
    Map<String, List<String>> filters = new TreeMap<>(request.parameters());
    PAGING_PARAMETERS.forEach(filters::remove);
    return filters.toString();
  }
}
