package dev.caplens.jobs;

import static dev.caplens.sample.server.HostileCorpus.COMMAND;
import static dev.caplens.sample.server.HostileCorpus.HYPERLINK;
import static dev.caplens.sample.server.HostileCorpus.SCRIPT_RESERVATION;
import static dev.caplens.sample.server.HostileCorpus.SEPARATORS;
import static dev.caplens.sample.server.HostileCorpus.SUM;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.reports.ReportFiles;
import dev.caplens.sample.server.HostileCorpus;
import dev.caplens.sample.server.SampleCloudServer;
import dev.caplens.transform.TransformParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole hostile corpus ({@link HostileCorpus}) through ingest (real SDK clients against the
 * loopback server), transform and report, once; each test checks one kind of outcome for every
 * case. The snapshot is at 16:00 on 2026-11-20 and the report covers that day, so each
 * observation counts for 8 hours (16:00 to midnight) and the 16 hours before it are unobserved.
 * Rates: m6i.xlarge Linux/UNIX in eu-west-1 0.214 USD, ecs.g7.large 0.69 CNY (the sample prices).
 */
class HostileCorpusTest {

  static final Instant AT = Instant.parse("2026-11-20T16:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  /**
   * Every data-quality row the corpus must produce, as provider|reservation|check|instance_hours
   * (empty when no instance-hours apply), each worked out from the corpus files at 8 hours:
   */
  static final Set<String> EXPECTED_FINDINGS = new TreeSet<>(List.of(
      // retiring: total 2 x 8 h not counted
      "aws|cr-0badc0de000000002|unknown-state|16",
      // capacity-pool: 3 x 8 h reserved, priced as an ODCR
      "aws|cr-0badc0de000000003|unknown-reservation-type|24",
      // no counts: the reserved hours are unknown
      "aws|cr-0badc0de000000004|invalid-count|",
      // total 5, available -2: 5 x 8 h reserved, used 0
      "aws|cr-0badc0de000000005|invalid-count|40",
      // total 2, available 5: 2 x 8 h counted idle
      "aws|cr-0badc0de000000006|available-exceeds-total|16",
      // listed on pages 2 and 3: the listing kept has total 4, 4 x 8 h
      "aws|cr-0badc0de000000007|duplicate-listing|32",
      // 5 used, usages explain 2 + 1: 2 x 8 h unexplained
      "aws|cr-0badc0de000000008|unexplained-usage|16",
      // 1 used, usages claim 2 + 2: 3 x 8 h claimed beyond it
      "aws|cr-0badc0de000000009|usage-exceeds-used|24",
      // start after end: both dates ignored, 2 x 8 h reserved
      "aws|cr-0badc0de00000000a|start-after-end|16",
      // active, start 9999: start ignored, 1 x 8 h reserved
      "aws|cr-0badc0de00000000b|start-after-snapshot|8",
      // platform =HYPERLINK(...) has no price: 1 x 8 h unpriced
      "aws|cr-0badc0de00000000d|missing-price|8",
      // state @SUM(1+1): 1 x 8 h not counted
      "aws|cr-0badc0de00000000e|unknown-state|8",
      // ReservationType +cmd...: 1 x 8 h, priced as an ODCR
      "aws|cr-0badc0de00000000f|unknown-reservation-type|8",
      // AvailableAmount 3 > TotalAmount 2: 2 x 8 h idle
      "aliyun|crp-bp1badc0de000001|available-exceeds-total|16",
      // Migrating: 4 x 8 h not counted
      "aliyun|crp-bp1badc0de000002|unknown-state|32",
      // 6 used, usages explain 2 + 1: 3 x 8 h charged to the owner
      "aliyun|crp-bp1badc0de000003|unexplained-usage|24",
      // listed on pages 1 and 3: total 10 x 8 h
      "aliyun|crp-bp1badc0de000003|duplicate-listing|80",
      // UsedAmount 1, total - available 3: a difference of 2 x 8 h
      "aliyun|crp-bp1badc0de000004|used-count-mismatch|16",
      // TotalAmount -1: the reserved hours are unknown
      "aliyun|crp-bp1badc0de000005|invalid-count|",
      // StartTime after EndTime: 1 x 8 h reserved
      "aliyun|crp-bp1badc0de000006|start-after-end|8"));

  /**
   * reserved|used instance-hours of every corpus reservation in reservations.csv: nothing dropped,
   * and no zero without a finding above that explains it.
   */
  static final Map<String, String> EXPECTED_HOURS = new TreeMap<>(Map.ofEntries(
      Map.entry("cr-0badc0de000000001", "32|24"),   // 4 total, 1 available: 4 x 8, 3 x 8
      Map.entry("cr-0badc0de000000002", "0|0"),
      Map.entry("cr-0badc0de000000003", "24|0"),
      Map.entry("cr-0badc0de000000004", "0|0"),
      Map.entry("cr-0badc0de000000005", "40|0"),
      Map.entry("cr-0badc0de000000006", "16|0"),
      Map.entry("cr-0badc0de000000007", "32|24"),   // the listing with available 1 is kept
      Map.entry("cr-0badc0de000000008", "48|40"),
      Map.entry("cr-0badc0de000000009", "16|8"),
      Map.entry("cr-0badc0de00000000a", "16|0"),
      Map.entry("cr-0badc0de00000000b", "8|0"),
      Map.entry("cr-0badc0de00000000c", "8|8"),     // end date 9999 clips nothing
      Map.entry("cr-0badc0de00000000d", "8|0"),
      Map.entry("cr-0badc0de00000000e", "0|0"),
      Map.entry("cr-0badc0de00000000f", "8|0"),
      Map.entry(SCRIPT_RESERVATION, "80|0"),        // 10 x 8, all idle
      Map.entry("crp-bp1badc0de000001", "16|0"),
      Map.entry("crp-bp1badc0de000002", "0|0"),
      Map.entry("crp-bp1badc0de000003", "80|48"),   // once, though listed twice
      Map.entry("crp-bp1badc0de000004", "32|24"),
      Map.entry("crp-bp1badc0de000005", "0|0"),
      Map.entry("crp-bp1badc0de000006", "8|0")));

  @TempDir
  static Path dir;
  static Path warehouse;
  static Path reportDir;
  static RunManifest awsRun;
  static RunManifest aliyunRun;
  static SparkSession spark;

  @BeforeAll
  static void runTheCorpusThroughIngestTransformAndReport() throws Exception {
    warehouse = dir.resolve("warehouse");
    reportDir = dir.resolve("report");
    try (SampleCloudServer server = SampleCloudServer.start(100)) {
      server.useSnapshot(AT);
      server.serveHostileCorpus();
      var account = server.organisation().awsAccount(HostileCorpus.AWS_ACCOUNT);
      var aws = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
          server.endpoint(), server.endpoint(), server.endpoint());
      awsRun = AwsIngestJob.run(Warehouse.open(warehouse.toString()), aws, AwsIngestJob.Source.EC2,
          List.of(AwsAccount.withDefaultCredentials(account.id())),
          List.of(HostileCorpus.EC2_REGION, HostileCorpus.ENDLESS_REGION), AT, line -> { });
      var aliyunAccount = server.organisation().aliyunAccount();
      var aliyun = new DefaultAliyunClientFactory(aliyunAccount.accessKeyId(), aliyunAccount.accessKeySecret(),
          server.endpoint());
      aliyunRun = AliyunIngestJob.run(Warehouse.open(warehouse.toString()), aliyun,
          AliyunRetry.withDelay(Duration.ofMillis(20)), HostileCorpus.ALIYUN_ACCOUNT,
          List.of(HostileCorpus.ALIYUN_REGION), false, AT, line -> { });
      String prices = server.organisation().writePrices(dir.resolve("prices.csv")).toString();
      spark = SparkSessions.getOrCreate("caplens tests");
      PipelineJobs.transform(spark, warehouse.toString(), DAY, DAY, prices, TransformParams.defaults());
      PipelineJobs.report(spark, warehouse.toString(), DAY, DAY, reportDir);
    }
  }

  @Test
  void aUsageListingWhoseTokensNeverEndFailsOnlyItsScopeByNameAndPublishesNothingOfIt() throws Exception {
    assertThat(awsRun.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.region()).isEqualTo(HostileCorpus.ENDLESS_REGION);
      assertThat(failure.error()).contains("aws:111111111111/us-east-1/ec2")
          .contains("GetCapacityReservationUsage " + HostileCorpus.ENDLESS_RESERVATION).contains("same NextToken");
    });
    assertThat(aliyunRun.failures()).isEmpty();
    assertThat(ParquetFiles.files(warehouse.resolve("snapshots"))).isNotEmpty()
        .noneMatch(file -> file.toString().contains(HostileCorpus.ENDLESS_REGION));
    assertThat(reservations()).doesNotContainKey(HostileCorpus.ENDLESS_RESERVATION);
  }

  @Test
  void everyBrokenValueIsTheExpectedDataQualityRowAndNothingElseIs() throws Exception {
    Set<String> findings = csv(ReportFiles.DATA_QUALITY).stream()
        .map(r -> String.join("|", r.get("provider"), r.get("reservation_id"), r.get("check"), r.get("instance_hours")))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(findings).containsExactlyElementsOf(EXPECTED_FINDINGS);
  }

  @Test
  void findingsNameTheValueThatWasWrong() throws Exception {
    Map<String, String> details = csv(ReportFiles.DATA_QUALITY).stream()
        .collect(Collectors.toMap(r -> r.get("reservation_id") + " " + r.get("check"), r -> r.get("detail")));

    assertThat(details.get("cr-0badc0de000000002 unknown-state")).contains("'retiring'");
    assertThat(details.get("cr-0badc0de00000000e unknown-state")).contains("'" + SUM + "'");
    assertThat(details.get("cr-0badc0de00000000f unknown-reservation-type")).contains("'" + COMMAND + "'");
    assertThat(details.get("crp-bp1badc0de000002 unknown-state")).contains("'Migrating'");
    assertThat(details.get("cr-0badc0de000000007 duplicate-listing")).contains("listed 2 times")
        .contains("total 4, available 1");
    assertThat(details.get("cr-0badc0de00000000a start-after-end"))
        .contains("2026-12-01T00:00:00Z").contains("2026-11-01T00:00:00Z");
    assertThat(details.get("cr-0badc0de00000000b start-after-snapshot")).contains("9999-01-01T00:00:00Z");
    assertThat(details.get("cr-0badc0de00000000d missing-price")).contains(HYPERLINK);
  }

  @Test
  void everyReservationOfTheCorpusIsReportedWithItsHoursNoneDroppedNoneCountedTwice() throws Exception {
    Map<String, CSVRecord> reservations = reservations();
    Map<String, String> hours = new TreeMap<>();
    reservations.forEach((id, r) -> hours.put(id, r.get("reserved_instance_hours") + "|" + r.get("used_instance_hours")));

    assertThat(hours).isEqualTo(EXPECTED_HOURS);
    assertThat(csv(ReportFiles.RESERVATIONS)).hasSize(EXPECTED_HOURS.size());
    assertThat(reservations.values()).allSatisfy(r -> assertThat(r.get("unobserved_hours")).isEqualTo("16"));
  }

  @Test
  void costsFollowTheCountedHoursAndAnUnpricedReservationHasEmptyCostsNotZero() throws Exception {
    Map<String, CSVRecord> reservations = reservations();
    // 32 h x 0.214 = 6.848 reserved; 24 h x 0.214 = 5.136 used; 8 h x 0.214 = 1.712 idle.
    CSVRecord taggedRow = reservations.get("cr-0badc0de000000001");
    assertThat(taggedRow.get("reserved_cost")).isEqualTo("6.848");
    assertThat(taggedRow.get("used_cost")).isEqualTo("5.136");
    assertThat(taggedRow.get("idle_cost")).isEqualTo("1.712");
    // 80 idle hours x 0.214 = 17.12.
    assertThat(reservations.get(SCRIPT_RESERVATION).get("idle_cost")).isEqualTo("17.12");
    // 80 h x 0.69 CNY = 55.2 reserved, 48 h x 0.69 = 33.12 used: the duplicate counted once.
    CSVRecord listedTwice = reservations.get("crp-bp1badc0de000003");
    assertThat(listedTwice.get("reserved_cost")).isEqualTo("55.2");
    assertThat(listedTwice.get("used_cost")).isEqualTo("33.12");
    CSVRecord unpriced = reservations.get("cr-0badc0de00000000d");
    assertThat(unpriced.get("hourly_rate")).isEmpty();
    assertThat(unpriced.get("reserved_cost")).isEmpty();
  }

  @Test
  void hostileTextIsNeutralisedInEveryCsvAndReadsBackExactly() throws Exception {
    try (var files = Files.list(reportDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        for (CSVRecord row : csv(file.getFileName().toString())) {
          for (String cell : row) {
            assertThat(cell.isEmpty() || "=+@".indexOf(cell.charAt(0)) < 0
                || cell.charAt(0) == '-' && cell.matches("-[0-9.]+"))
                .as("%s cell %s", file.getFileName(), cell).isTrue();
          }
        }
      }
    }
    Map<String, CSVRecord> reservations = reservations();
    assertThat(reservations.get("cr-0badc0de00000000d").get("platform")).isEqualTo("'" + HYPERLINK);
    assertThat(reservations.get("cr-0badc0de00000000d").get("availability_zone")).isEqualTo(SEPARATORS);
    assertThat(reservations.get("cr-0badc0de00000000e").get("state")).isEqualTo("'" + SUM);
  }

  @Test
  void hostileTagValuesAreKeptExactlyInTheSnapshot() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Row> tagged = spark.read().parquet(warehouse.resolve("snapshots/reservations").toString())
        .filter(col("reservation_id").isin("cr-0badc0de000000001", "crp-bp1badc0de000003"))
        .select("reservation_id", "tags_json").collectAsList();

    // cr-...001 once, crp-...003 twice (it was listed twice).
    assertThat(tagged).hasSize(3);
    for (Row row : tagged) {
      Map<String, String> tags = json.readValue(row.getString(1), new TypeReference<LinkedHashMap<String, String>>() {});
      assertThat(tags).as(row.getString(0)).containsExactlyEntriesOf(HostileCorpus.HOSTILE_TAGS);
    }
  }

  @Test
  void theSummaryEscapesMarkupFromTheApi() throws Exception {
    String html = Files.readString(reportDir.resolve(ReportFiles.SUMMARY), StandardCharsets.UTF_8);

    assertThat(html).doesNotContain("<script").contains("cr-&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  private static Map<String, CSVRecord> reservations() throws Exception {
    Map<String, CSVRecord> byId = new TreeMap<>();
    csv(ReportFiles.RESERVATIONS).forEach(r -> byId.put(r.get("reservation_id"), r));
    return byId;
  }

  private static List<CSVRecord> csv(String name) throws Exception {
    return DemoTest.rowsOf(reportDir.resolve(name));
  }
}
