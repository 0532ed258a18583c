package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.reports.ReportFiles;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caplens demo} end to end: every hourly snapshot of the sample organisation through the
 * real SDK clients, the Spark transform and the report writers. Expected figures are worked out
 * by hand from sample-data/README.md (two days, 2026-11-20 and 2026-11-21, 48 hourly snapshots).
 */
class DemoTest {

  @TempDir
  static Path out;

  static Map<String, CSVRecord> reservations;
  static Map<String, CSVRecord> accounts;

  @BeforeAll
  static void runDemo() throws Exception {
    assertThat(CaplensCli.execute("demo", "--out", out.toString(), "--email", "--dry-run")).isZero();
    reservations = byKey(out.resolve("report/reservations.csv"), List.of("reservation_id"));
    accounts = byKey(out.resolve("report/accounts.csv"), List.of("provider", "account_id", "currency"));
  }

  @Test
  void sharedOdcrFollowsBusinessHours() {
    // cr-1, m5.large at 0.096: total 10; business hours (12 h a day) 111 runs 6 and 222 runs 2,
    // off hours 111 runs 3. Per day used 12x8 + 12x3 = 132 of 240; two days: 264 of 480.
    CSVRecord cr1 = reservations.get("cr-0a11c0de000000001");
    assertDecimal(cr1, "reserved_instance_hours", "480");
    assertDecimal(cr1, "used_instance_hours", "264");
    assertDecimal(cr1, "idle_instance_hours", "216");
    assertDecimal(cr1, "utilisation", "0.55");
    assertDecimal(cr1, "reserved_cost", "46.08");     // 480 x 0.096
    assertDecimal(cr1, "idle_cost", "20.736");        // 216 x 0.096
    assertThat(cr1.get("reservation_kind")).isEqualTo("odcr");
  }

  @Test
  void lendingPairCountsTheSourceOnceAndTheBorrowerAtTheSourcesRate() {
    // cr-3 (r5.2xlarge 0.504) lends 4 to cr-4 from 06:00 on day 1 (42 h). Owner 111 runs 2 all
    // the time; borrower 222 runs 3 in business hours, 1 otherwise: day 1 12x3 + 6x1 = 42,
    // day 2 12x3 + 12x1 = 48, so 90 borrowed hours; used = 2x48 + 90 = 186 of 8x48 = 384.
    CSVRecord source = reservations.get("cr-0a11c0de000000003");
    assertDecimal(source, "reserved_instance_hours", "384");
    assertDecimal(source, "used_instance_hours", "186");
    assertDecimal(source, "lent_instance_hours", "168");   // 4 x 42
    assertDecimal(source, "lending_savings", "45.36");     // 90 x 0.504
    CSVRecord interruptible = reservations.get("cr-0a11c0de000000004");
    assertThat(interruptible.get("reservation_kind")).isEqualTo("interruptible");
    assertDecimal(interruptible, "reserved_instance_hours", "0");
    assertDecimal(interruptible, "borrowed_instance_hours", "90");
    assertDecimal(interruptible, "reserved_cost", "0");
  }

  @Test
  void capacityBlockCountsOnlyItsWindowAtTheEffectiveRate() {
    // cr-5: 2 x p5.48xlarge from 11:00 on day 1 to 11:00 on day 2, fully used, 31.464 an hour.
    CSVRecord block = reservations.get("cr-0a11c0de000000005");
    assertThat(block.get("reservation_kind")).isEqualTo("capacity-block");
    assertDecimal(block, "reserved_instance_hours", "48");
    assertDecimal(block, "reserved_cost", "1510.272");
  }

  @Test
  void cancelledAndUnpricedReservations() {
    // cr-6: 6 x m6i.xlarge, active for 30 h until cancelled at 06:00 on day 2, 5 in use.
    CSVRecord cancelled = reservations.get("cr-0e11c0de000000006");
    assertDecimal(cancelled, "reserved_instance_hours", "180");
    assertDecimal(cancelled, "used_instance_hours", "150");
    assertThat(cancelled.get("state")).isEqualTo("cancelled");
    // cr-7 has no price: empty costs, never 0.
    CSVRecord unpriced = reservations.get("cr-0e11c0de000000007");
    assertThat(unpriced.get("reserved_cost")).isEmpty();
    assertThat(unpriced.get("hourly_rate")).isEmpty();
    assertDecimal(unpriced, "reserved_instance_hours", "48");
  }

  @Test
  void accountsPayExactlyWhatTheReservationsCost() {
    // 111 is charged for what it ran (cr-1 216 h at 0.096, cr-3 96 h at 0.504) and billed the
    // idle cost of cr-1 and cr-3; 333 is billed cr-2's idle cost as its billing owner.
    assertDecimal(accounts.get("aws/111111111111/USD"), "chargeback_cost", "69.12");
    assertDecimal(accounts.get("aws/111111111111/USD"), "idle_cost", "120.528");
    assertDecimal(accounts.get("aws/333333333333/USD"), "idle_cost", "30.9");
    assertDecimal(accounts.get("aws/111111111111/"), "unpriced_instance_hours", "48");
    // Over all accounts, chargeback + idle cost is what the USD reservations cost:
    // EC2 46.08 + 32.64 + 193.536 + 1510.272 + 38.52 = 1821.048, plus the Outpost's 187.32.
    BigDecimal reserved = sum(inCurrency(reservations, "USD"), "reserved_cost");
    BigDecimal paid = sum(inCurrency(accounts, "USD"), "chargeback_cost")
        .add(sum(inCurrency(accounts, "USD"), "idle_cost"));
    assertThat(paid).isEqualByComparingTo(reserved).isEqualByComparingTo("2008.368");
  }

  @Test
  void alibabaPoolsAreReportedPerAllocatedResourceInYuan() {
    // sample-data/README.md over two days: crp-1 is 10 x 48 = 480 h at 0.69 CNY = 331.2, 6 in use
    // (288 h). crp-2 has two zones of 4 x ecs.c7.xlarge at 1.12 CNY: -i fully used; -j 1 of 4 in
    // use, so 4 x 48 = 192 h reserved and 3 x 48 = 144 h idle.
    CSVRecord web = reservations.get("crp-bp1a11c0de0000001");
    assertThat(web.get("currency")).isEqualTo("CNY");
    assertDecimal(web, "reserved_cost", "331.2");
    assertDecimal(web, "used_instance_hours", "288");
    CSVRecord zoneJ = reservations.get("crp-bp1a11c0de0000002:cn-hangzhou-j:ecs.c7.xlarge");
    assertDecimal(zoneJ, "reserved_instance_hours", "192");
    assertDecimal(zoneJ, "idle_instance_hours", "144");
    assertDecimal(zoneJ, "idle_cost", "161.28");   // 144 x 1.12
    assertDecimal(reservations.get("crp-bp1a11c0de0000002:cn-hangzhou-i:ecs.c7.xlarge"), "idle_cost", "0");
  }

  @Test
  void outpostSlotsAreReservationsPerInstanceType() {
    // op-0a11c0de000000001 m5.xlarge at 0.25: 6 slots until the capacity task lands at 18:00 on
    // day 1, then 8: 6 x 18 + 8 x 6 = 156 h on day 1, 8 x 24 = 192 h on day 2; 6 instances
    // (111: 5, 222: 1) run throughout, 144 h a day.
    CSVRecord m5 = reservations.get("op-0a11c0de000000001:m5.xlarge");
    assertThat(m5.get("reservation_kind")).isEqualTo("outpost");
    assertDecimal(m5, "reserved_instance_hours", "348");
    assertDecimal(m5, "used_instance_hours", "288");
    assertDecimal(m5, "reserved_cost", "87");       // 348 x 0.25
    // c5.2xlarge at 0.44: 6 x 18 + 4 x 6 = 132 h, then 96 h; 2 instances of 111.
    CSVRecord c5 = reservations.get("op-0a11c0de000000001:c5.2xlarge");
    assertDecimal(c5, "reserved_instance_hours", "228");
    assertDecimal(c5, "idle_cost", "58.08");        // (228 - 96) x 0.44
  }

  @Test
  void theFirstDayIsReadCompactedAndTheSecondAsIngested() {
    // The figures above are the same either way; here is what the demo read them from.
    Path reservations = out.resolve("warehouse/snapshots/reservations/provider=aws");
    assertThat(reservations.resolve("snapshot_date=2026-11-20/_compaction.json")).isNotEmptyFile();
    assertThat(reservations.resolve("snapshot_date=2026-11-20").toFile().list((d, name) -> name.startsWith("part-")))
        .isEmpty();
    assertThat(out.resolve("warehouse/snapshots/reservations/_compacted/provider=aws/snapshot_date=2026-11-20")
        .toFile().list((d, name) -> name.startsWith("compacted-") && name.endsWith(".parquet"))).hasSize(1);
    assertThat(reservations.resolve("snapshot_date=2026-11-21/_compaction.json")).doesNotExist();
    assertThat(reservations.resolve("snapshot_date=2026-11-21").toFile().list((d, name) -> name.startsWith("part-")))
        .isNotEmpty();
  }

  @Test
  void summaryIsWrittenForFinance() throws Exception {
    String html = Files.readString(out.resolve("report/summary.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("2026-11-20 to 2026-11-21").contains("2,008.37 USD").contains("cr-0a11c0de000000003")
        .contains("src=\"data:image/png;base64,").contains("cap-0a11c0de000000001");
  }

  @Test
  void everyReportFileIsWrittenAndTheDryRunMessageCarriesTheCsvs() throws Exception {
    for (String name : ReportFiles.CSV_FILES) {
      assertThat(out.resolve("report").resolve(name)).isNotEmptyFile();
    }
    String eml = Files.readString(out.resolve("report").resolve(ReportFiles.SUMMARY_EML), StandardCharsets.US_ASCII);
    assertThat(eml).contains("To: finance@example.com").contains("Content-ID: <trend-chart@caplens>");
    for (String name : ReportFiles.CSV_FILES) {
      assertThat(eml).contains("filename=" + name);
    }
  }

  @Test
  void focusAndDailyAddUpToTheReservationsAndAccounts() throws Exception {
    // Per currency, FOCUS EffectiveCost sums to reserved_cost (USD 2008.368) and daily.csv's
    // reserved_cost to accounts.csv's.
    Path report = out.resolve("report");
    List<CSVRecord> focus = rowsOf(report.resolve(ReportFiles.FOCUS));
    List<CSVRecord> daily = rowsOf(report.resolve(ReportFiles.DAILY));
    for (String currency : List.of("USD", "CNY")) {
      BigDecimal reserved = sum(inCurrency(reservations, currency), "reserved_cost");
      assertThat(sum(focus.stream().filter(r -> r.get("BillingCurrency").equals(currency)).toList(), "EffectiveCost"))
          .as(currency).isEqualByComparingTo(reserved);
      assertThat(sum(daily.stream().filter(r -> r.get("currency").equals(currency)).toList(), "reserved_cost"))
          .as(currency).isEqualByComparingTo(sum(inCurrency(accounts, currency), "reserved_cost"));
    }
  }

  private static void assertDecimal(CSVRecord row, String column, String expected) {
    assertThat(new BigDecimal(row.get(column))).as((row.isMapped("reservation_id") ? row.get("reservation_id") : row.get("account_id")) + " " + column)
        .isEqualByComparingTo(expected);
  }

  private static List<CSVRecord> inCurrency(Map<String, CSVRecord> rows, String currency) {
    return rows.values().stream().filter(r -> r.get("currency").equals(currency)).toList();
  }

  private static BigDecimal sum(Iterable<CSVRecord> rows, String column) {
    BigDecimal total = BigDecimal.ZERO;
    for (CSVRecord row : rows) {
      if (!row.get(column).isEmpty()) {
        total = total.add(new BigDecimal(row.get(column)));
      }
    }
    return total;
  }

  static Map<String, CSVRecord> byKey(Path csv, List<String> keyColumns) throws Exception {
    Map<String, CSVRecord> rows = new HashMap<>();
    for (CSVRecord row : rowsOf(csv)) {
      rows.put(String.join("/", keyColumns.stream().map(row::get).toList()), row);
    }
    return rows;
  }

  /** The rows of a report CSV in file order, by header name. */
  static List<CSVRecord> rowsOf(Path csv) throws Exception {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}
