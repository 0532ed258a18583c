package dev.caplens.sample.server;

import dev.caplens.sample.SampleOrgLayout;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * EC2 Query protocol: form-encoded POST to {@code /}, XML replies in the 2016-11-15 namespace,
 * {@code <Response><Errors>} error documents. The account comes from the SigV4 access key, the
 * region from the credential scope.
 */
final class Ec2Api implements CloudApi {

  private static final String VERSION = "2016-11-15";
  private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/" + VERSION + "/";

  /** A Describe* call: which set it pages, which ids it can be narrowed to, which filters it knows. */
  private record Listing(String setElement, String idParameter, String idElement, String notFoundCode,
      Map<String, String> filterElements) {}

  private static final Listing CAPACITY_RESERVATIONS = new Listing("capacityReservationSet",
      "CapacityReservationId", "capacityReservationId", "InvalidCapacityReservationId.NotFound", Map.ofEntries(
          Map.entry("instance-type", "instanceType"),
          Map.entry("owner-id", "ownerId"),
          Map.entry("instance-platform", "instancePlatform"),
          Map.entry("availability-zone", "availabilityZone"),
          Map.entry("availability-zone-id", "availabilityZoneId"),
          Map.entry("tenancy", "tenancy"),
          Map.entry("state", "state"),
          Map.entry("end-date-type", "endDateType"),
          Map.entry("instance-match-criteria", "instanceMatchCriteria"),
          Map.entry("reservation-type", "reservationType")));

  private static final Listing CAPACITY_BLOCKS = new Listing("capacityBlockSet",
      "CapacityBlockId", "capacityBlockId", "InvalidCapacityBlockId.NotFound", Map.of(
          "availability-zone", "availabilityZone",
          "state", "state"));

  private final ServedCloud organisation;
  private final AwsIdentities identities;
  private final PageTokens tokens;
  private final int pageSize;

  Ec2Api(ServedCloud organisation, AwsIdentities identities, PageTokens tokens, int pageSize) {
    this.organisation = organisation;
    this.identities = identities;
    this.tokens = tokens;
    this.pageSize = pageSize;
  }

  @Override
  public CloudService service() {
    return CloudService.EC2;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    AwsIdentities.Caller caller = identities.caller(request);
    return new ApiCall(number, service(), request.parameter("Action"), caller.accountId(), caller.region(),
        request.parameter("NextToken") != null);
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    authenticate(request, call);
    if (call.action() == null) {
      throw new ApiError(400, "MissingAction", "The request must contain the parameter Action.");
    }
    if (!VERSION.equals(request.parameter("Version"))) {
      throw new ApiError(400, "NoSuchVersion", "An invalid or unsupported API version " + request.parameter("Version") + " was specified.");
    }
    if ("true".equals(request.parameter("DryRun"))) {
      throw new ApiError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
    return switch (call.action()) {
      case "DescribeCapacityReservations" -> describe(request, call, snapshot, "DescribeCapacityReservations", CAPACITY_RESERVATIONS);
      case "DescribeCapacityBlocks" -> describe(request, call, snapshot, "DescribeCapacityBlocks", CAPACITY_BLOCKS);
      case "GetCapacityReservationUsage" -> capacityReservationUsage(request, call, snapshot);
      default -> throw new ApiError(400, "InvalidAction", "The action " + call.action() + " is not valid for this web service.");
    };
  }

  @Override
  public ApiReply error(ApiError error) {
    String requestId = UUID.randomUUID().toString();
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + Xml.escape(error.code())
        + "</Code><Message>" + Xml.escape(error.getMessage()) + "</Message></Error></Errors><RequestID>"
        + requestId + "</RequestID></Response>\n";
    return new ApiReply(error.httpStatus(), "text/xml;charset=UTF-8", Map.of("x-amzn-RequestId", requestId), body);
  }

  private void authenticate(ApiRequest request, ApiCall call) {
    if (SigV4Credential.parse(request.header("Authorization")).isEmpty()) {
      throw new ApiError(401, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }
    if (call.accountId() == null) {
      throw new ApiError(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    if (!organisation.awsRegions().contains(call.region())) {
      throw new ApiError(401, "AuthFailure", "Credential should be scoped to a valid region, not '" + call.region() + "'.");
    }
  }

  private ApiReply describe(ApiRequest request, ApiCall call, Instant snapshot, String action, Listing listing) {
    List<String> ids = indexed(request, listing.idParameter());
    Predicate<Element> filter = filters(request, listing);
    String query = String.join("|", action, call.accountId(), call.region(), String.join(",", ids), filterKey(request));
    String file = SampleOrgLayout.ec2(snapshot, call.accountId(), call.region(), action);
    Supplier<ApiError> missing = () -> new ApiError(500, "InternalError", "sample-org has no file " + file);
    return page(request, query, file, listing.setElement(), missing, items -> {
      Set<String> listed = new HashSet<>();
      items.forEach(item -> listed.add(Xml.childText(item, listing.idElement())));
      for (String id : ids) {
        if (!listed.contains(id)) {
          throw new ApiError(400, listing.notFoundCode(), "The ID '" + id + "' does not exist");
        }
      }
      return items.stream()
          .filter(item -> ids.isEmpty() || ids.contains(Xml.childText(item, listing.idElement())))
          .filter(filter)
          .toList();
    });
  }

  private ApiReply capacityReservationUsage(ApiRequest request, ApiCall call, Instant snapshot) {
    String reservationId = request.parameter("CapacityReservationId");
    if (reservationId == null) {
      throw new ApiError(400, "MissingParameter", "The request must contain the parameter CapacityReservationId");
    }
    if (!reservationId.matches("cr-[0-9a-f]{17}")) {
      throw new ApiError(400, "InvalidCapacityReservationId.Malformed", "Invalid id: \"" + reservationId + "\"");
    }
    String query = String.join("|", "GetCapacityReservationUsage", call.accountId(), call.region(), reservationId);
    String file = SampleOrgLayout.ec2(snapshot, call.accountId(), call.region(), "GetCapacityReservationUsage", reservationId);
    Supplier<ApiError> missing = () -> new ApiError(400, "InvalidCapacityReservationId.NotFound",
        "The capacity reservation ID '" + reservationId + "' does not exist");
    return page(request, query, file, "instanceUsageSet", missing, items -> items);
  }

  /**
   * Serves one page of {@code setElement}'s items from the file the cursor points at: the
   * current snapshot's file for a first page, the file of the original listing for a token.
   */
  private ApiReply page(ApiRequest request, String query, String currentFile, String setElement,
      Supplier<ApiError> missing, UnaryOperator<List<Element>> select) {
    Integer maxResults = request.intParameter("MaxResults", 1, 1000,
        new ApiError(400, "InvalidParameterValue", "Value (" + request.parameter("MaxResults")
            + ") for parameter maxResults is invalid. Expecting a value between 1 and 1000."));
    PageTokens.Cursor cursor = tokens.start(request.parameter("NextToken"), query, currentFile).orElseThrow(() ->
        new ApiError(400, "InvalidPaginationToken", "The specified pagination token is not valid or is expired."));
    String xml = organisation.reply(cursor.file()).orElseThrow(missing);
    Document document = Xml.parse(xml);
    Element root = document.getDocumentElement();
    Element set = Xml.child(root, setElement);
    List<Element> all = Xml.children(set, "item");
    all.forEach(set::removeChild);
    List<Element> selected = select.apply(all);

    int limit = maxResults == null ? pageSize : Math.min(maxResults, pageSize);
    PageTokens.Page page = tokens.page(cursor, selected.size(), limit, PageTokens.Format.BASE64);
    selected.subList(page.from(), page.to()).forEach(set::appendChild);
    String requestId = UUID.randomUUID().toString();
    Xml.child(root, "requestId").setTextContent(requestId);
    if (page.nextToken() != null) {
      Element next = document.createElementNS(NAMESPACE, "nextToken");
      next.setTextContent(page.nextToken());
      root.appendChild(next);
    }
    return new ApiReply(200, "text/xml;charset=UTF-8", Map.of("x-amzn-RequestId", requestId), Xml.write(document));
  }

  /** Values of {@code Name.1}, {@code Name.2}, ... in order. */
  private static List<String> indexed(ApiRequest request, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 1; request.parameter(name + "." + i) != null; i++) {
      values.add(request.parameter(name + "." + i));
    }
    return values;
  }

  /** EC2 filters: each named filter must match one of its values; tag:KEY filters match tag values. */
  private static Predicate<Element> filters(ApiRequest request, Listing listing) {
    Predicate<Element> all = item -> true;
    for (int i = 1; request.parameter("Filter." + i + ".Name") != null; i++) {
      String name = request.parameter("Filter." + i + ".Name");
      List<String> values = indexed(request, "Filter." + i + ".Value");
      Predicate<Element> one;
      if (name.startsWith("tag:")) {
        String key = name.substring("tag:".length());
        one = item -> Xml.tags(item).entrySet().stream().anyMatch(t -> t.getKey().equals(key) && values.contains(t.getValue()));
      } else if (listing.filterElements().containsKey(name)) {
        String element = listing.filterElements().get(name);
        one = item -> values.contains(Xml.childText(item, element));
      } else {
        throw new ApiError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
      }
      all = all.and(one);
    }
    return all;
  }

  private static String filterKey(ApiRequest request) {
    Map<String, List<String>> filters = new TreeMap<>();
    request.parameters().forEach((name, values) -> {
      if (name.startsWith("Filter.")) {
        filters.put(name, values);
      }
    });
    return filters.toString();
  }
}
