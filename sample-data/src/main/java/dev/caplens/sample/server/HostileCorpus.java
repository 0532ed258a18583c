package dev.caplens.sample.server;

import dev.caplens.sample.SampleOrganisation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Hostile or broken API data, served by {@link SampleCloudServer#serveHostileCorpus()} in place of
 * the sample organisation for three scopes. The replies are committed wire files under
 * {@code hostile-corpus/<service>/<region>/<action>[/<id>]/page-<n>}; a request without a token
 * gets page 1, a request with token {@code page-n} gets page n, so the files spell out every
 * page and token. Each case and what caplens must make of it:
 *
 * <p>EC2, account 111111111111, eu-west-1 (DescribeCapacityReservations pages 1 to 3):
 * <table>
 *   <tr><th>id (cr-0badc0de…)</th><th>input</th><th>expected</th></tr>
 *   <tr><td>page 1</td><td>no reservations, a NextToken</td><td>paging goes on</td></tr>
 *   <tr><td>…001</td><td>tag values {@code =HYPERLINK(…)}, {@code +cmd…}, {@code @SUM(1+1)},
 *       {@code <script>}, separators and a newline, 256 characters, non-ASCII</td>
 *       <td>counted; tags kept byte for byte in the snapshot</td></tr>
 *   <tr><td>…002</td><td>state {@code retiring} (new)</td><td>{@code unknown-state}</td></tr>
 *   <tr><td>…003</td><td>ReservationType {@code capacity-pool} (new)</td><td>{@code unknown-reservation-type}</td></tr>
 *   <tr><td>…004</td><td>no counts at all</td><td>{@code invalid-count}</td></tr>
 *   <tr><td>…005</td><td>available -2</td><td>{@code invalid-count}</td></tr>
 *   <tr><td>…006</td><td>available 5 &gt; total 2</td><td>{@code available-exceeds-total}</td></tr>
 *   <tr><td>…007</td><td>on pages 2 and 3 with different counts</td><td>{@code duplicate-listing}; usage read once</td></tr>
 *   <tr><td>…008</td><td>InstanceUsages explain 3 of 5 used</td><td>{@code unexplained-usage}</td></tr>
 *   <tr><td>…009</td><td>InstanceUsages claim 4 of 1 used</td><td>{@code usage-exceeds-used}</td></tr>
 *   <tr><td>…00a</td><td>StartDate after EndDate</td><td>{@code start-after-end}</td></tr>
 *   <tr><td>…00b</td><td>active, StartDate 9999-01-01</td><td>{@code start-after-snapshot}</td></tr>
 *   <tr><td>…00c</td><td>EndDate 9999-12-31, CreateDate 9999-12-30</td><td>counted (an end date far off clips nothing)</td></tr>
 *   <tr><td>…00d</td><td>platform {@code =HYPERLINK(…)}, zone with separators and a newline</td>
 *       <td>{@code missing-price}; CSV cells neutralised and quoted</td></tr>
 *   <tr><td>…00e</td><td>state {@code @SUM(1+1)}</td><td>{@code unknown-state}; neutralised</td></tr>
 *   <tr><td>…00f</td><td>ReservationType {@code +cmd…}</td><td>{@code unknown-reservation-type}; neutralised</td></tr>
 *   <tr><td>{@code cr-<script>…}</td><td>an id with markup, 10 idle instances</td><td>counted; escaped in the HTML</td></tr>
 * </table>
 *
 * <p>EC2, account 111111111111, us-east-1: GetCapacityReservationUsage of cr-0badc0de000000011
 * hands out tokens page-2, page-1, page-2, … forever: the scope fails with an error naming the
 * call, and nothing of it is published.
 *
 * <p>Alibaba, account 5123456789012345, cn-hangzhou (pages 1 to 3, page 2 empty with a NextToken):
 * <table>
 *   <tr><th>pool (crp-bp1badc0de…)</th><th>input</th><th>expected</th></tr>
 *   <tr><td>…001</td><td>AvailableAmount 3 &gt; TotalAmount 2</td><td>{@code available-exceeds-total}</td></tr>
 *   <tr><td>…002</td><td>Status {@code Migrating} (new)</td><td>{@code unknown-state}</td></tr>
 *   <tr><td>…003</td><td>usages explain 3 of 6 used, hostile tags; listed on pages 1 and 3</td>
 *       <td>{@code unexplained-usage}, {@code duplicate-listing}; usage written once</td></tr>
 *   <tr><td>…004</td><td>UsedAmount 1, total - available 3</td><td>{@code used-count-mismatch}</td></tr>
 *   <tr><td>…005</td><td>TotalAmount -1</td><td>{@code invalid-count}</td></tr>
 *   <tr><td>…006</td><td>StartTime after EndTime</td><td>{@code start-after-end}</td></tr>
 * </table>
 *
 * <p>A reply that is valid JSON or XML but no API response is {@link Fault#emptyReply()}.
 */
public final class HostileCorpus {

  public static final String ROOT = "hostile-corpus";
  public static final String AWS_ACCOUNT = SampleOrganisation.PLATFORM_ACCOUNT;
  /** The EC2 scope of the data cases. */
  public static final String EC2_REGION = SampleOrganisation.EU_WEST_1;
  /** The EC2 scope whose usage listing never ends. */
  public static final String ENDLESS_REGION = SampleOrganisation.US_EAST_1;
  public static final String ENDLESS_RESERVATION = "cr-0badc0de000000011";
  public static final String ALIYUN_ACCOUNT = SampleOrganisation.ALIYUN_OWNER_ACCOUNT;
  public static final String ALIYUN_REGION = SampleOrganisation.CN_HANGZHOU;

  /** Text a spreadsheet would run, markup, and text that breaks naive CSV, as the corpus spells it. */
  public static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/\",\"click\")";
  public static final String COMMAND = "+cmd|' /C calc'!A0";
  public static final String SUM = "@SUM(1+1)";
  public static final String SCRIPT = "<script>alert(1)</script>";
  public static final String SEPARATORS = "eu-west-1a,\"b\";c\nnext line";
  /** The tags of cr-0badc0de000000001 and crp-bp1badc0de000003, in order. */
  public static final Map<String, String> HOSTILE_TAGS = hostileTags();
  /** The reservation id with markup in it. */
  public static final String SCRIPT_RESERVATION = "cr-" + SCRIPT;

  private static final Set<String> EC2_REGIONS = Set.of(EC2_REGION, ENDLESS_REGION);

  private HostileCorpus() {}

  private static Map<String, String> hostileTags() {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    tags.put("Name", HYPERLINK);
    tags.put("owner", COMMAND);
    tags.put("cost-center", SUM);
    tags.put("note", SCRIPT);
    tags.put("csv", SEPARATORS);
    tags.put("big", "x".repeat(256));
    tags.put("unicode", "成本中心 – Zürich ✓ ");
    return java.util.Collections.unmodifiableMap(tags);
  }

  /** The corpus reply to {@code call}, or empty when the call is outside the corpus's scopes. */
  static Optional<ApiReply> reply(ApiCall call, ApiRequest request) {
    String page = request.parameter("NextToken") == null || request.parameter("NextToken").isEmpty()
        ? "page-1" : request.parameter("NextToken");
    if (call.service() == CloudService.EC2 && AWS_ACCOUNT.equals(call.accountId())
        && EC2_REGIONS.contains(call.region())) {
      String resource = request.parameter("CapacityReservationId") == null
          ? "" : request.parameter("CapacityReservationId") + "/";
      String path = "ec2/" + call.region() + "/" + call.action() + "/" + resource + page + ".xml";
      return Optional.of(served(path, "text/xml;charset=UTF-8",
          () -> new ApiError(400, "InvalidCapacityReservationId.NotFound", "the hostile corpus has no " + path)));
    }
    if (call.service() == CloudService.ECS && ALIYUN_ACCOUNT.equals(call.accountId())
        && ALIYUN_REGION.equals(call.region())) {
      String path = "ecs/" + call.region() + "/" + call.action() + "/" + page + ".json";
      return Optional.of(served(path, "application/json;charset=utf-8",
          () -> new ApiError(404, "InvalidParameter", "the hostile corpus has no " + path)));
    }
    return Optional.empty();
  }

  private static ApiReply served(String path, String contentType, java.util.function.Supplier<ApiError> missing) {
    String body = SampleFiles.readResource(ROOT + "/" + path).orElseThrow(missing);
    return new ApiReply(200, contentType, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()), body);
  }
}
