package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.reports.ReportFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caplens report} on {@link ReportFixture}'s marts writes every report file of DESIGN.md,
 * byte for byte as the committed golden files under src/test/resources/golden/report (the surefire
 * JVM pins time zone UTC and locale en-US). Run with CAPLENS_REGENERATE=1 to rewrite them after a
 * deliberate change, and review the diff.
 */
class ReportFilesTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/report");
  private static final Pattern DATA_URI = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/&#;]*)");

  @TempDir
  static Path dir;
  static Path out;

  @BeforeAll
  static void report() throws Exception {
    Path warehouse = ReportFixture.sharedWarehouse();
    out = dir.resolve("report");
    assertThat(CaplensCli.execute("report", "--warehouse", warehouse.toString(), "--from", "2026-11-20",
        "--to", "2026-11-21", "--out", out.toString())).isZero();
  }

  @Test
  void everyReportFileMatchesItsGoldenFile() throws IOException {
    List<String> files = new ArrayList<>(ReportFiles.CSV_FILES);
    files.add(ReportFiles.SUMMARY);
    boolean regenerate = "1".equals(System.getenv("CAPLENS_REGENERATE"));
    List<String> differences = new ArrayList<>();
    for (String name : files) {
      String written = comparable(name, Files.readString(out.resolve(name), StandardCharsets.UTF_8));
      if (regenerate) {
        Files.createDirectories(GOLDEN);
        Files.writeString(GOLDEN.resolve(name), written, StandardCharsets.UTF_8);
      }
      Path golden = GOLDEN.resolve(name);
      if (!Files.exists(golden)) {
        differences.add("no golden file " + name);
      } else if (!Files.readString(golden, StandardCharsets.UTF_8).equals(written)) {
        differences.add(name + " differs from " + golden);
      }
    }
    assertThat(differences).as("report files out of date; rerun with CAPLENS_REGENERATE=1 and review the diff")
        .isEmpty();
    try (var listing = Files.list(out)) {
      assertThat(listing.map(p -> p.getFileName().toString())).as("no staging file left behind")
          .containsExactlyInAnyOrderElementsOf(files);
    }
  }

  @Test
  void summaryEmbedsTheTrendChartAsAPng() throws IOException {
    Matcher uri = DATA_URI.matcher(Files.readString(out.resolve(ReportFiles.SUMMARY), StandardCharsets.UTF_8));
    assertThat(uri.find()).isTrue();
    // Mustache escapes '=' (base64 padding) as &#61; inside the attribute; a browser reads it back.
    byte[] png = Base64.getDecoder().decode(uri.group(1).replace("&#61;", "="));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(700);
    assertThat(image.getHeight()).isEqualTo(280);
  }

  @Test
  void focusEffectiveCostAddsUpToReservedCost() throws Exception {
    Map<String, BigDecimal> reserved = sumBy(out.resolve(ReportFiles.RESERVATIONS), "currency", "reserved_cost");
    Map<String, BigDecimal> effective = sumBy(out.resolve(ReportFiles.FOCUS), "BillingCurrency", "EffectiveCost");
    assertThat(effective.get("USD")).isEqualByComparingTo(reserved.get("USD")).isEqualByComparingTo("887.184");
    assertThat(effective.get("CNY")).isEqualByComparingTo(reserved.get("CNY")).isEqualByComparingTo("165.6");

    List<CSVRecord> focus = rows(out.resolve(ReportFiles.FOCUS));
    // cr-1: a Used and an Unused row per day; cr-2 only Unused (nothing ran), billed to 333;
    // cr-5 only Used, paid up front so billed 0 on the day; cr-4 (interruptible) has none;
    // cr-7 keeps its 24 unpriced hours with empty costs; crp-1 one of each.
    assertThat(focus).extracting(r -> r.get("CapacityReservationId") + " " + r.get("ChargePeriodStart").substring(0, 10)
        + " " + r.get("CapacityReservationStatus")).containsExactly(
        "crp-1 2026-11-21 Used", "crp-1 2026-11-21 Unused",
        "cr-1 2026-11-20 Used", "cr-1 2026-11-20 Unused", "cr-1 2026-11-21 Used", "cr-1 2026-11-21 Unused",
        "cr-2 2026-11-20 Unused", "cr-5 2026-11-20 Used", "cr-7 2026-11-20 Unused");
    CSVRecord cr2 = focus.get(6);
    assertThat(cr2.get("BillingAccountId")).isEqualTo("333333333333");
    assertThat(cr2.get("SubAccountId")).isEqualTo("111111111111");
    assertThat(cr2.get("PricingQuantity")).isEqualTo("120");
    assertThat(cr2.get("ChargePeriodEnd")).isEqualTo("2026-11-21T00:00:00Z");
    assertThat(focus.get(7).get("BilledCost")).isEqualTo("0");
    assertThat(focus.get(7).get("EffectiveCost")).isEqualTo("818.064");
    assertThat(focus.get(8).get("EffectiveCost")).isEmpty();
  }

  @Test
  void hostileTextIsNeutralisedAndCapacityBlocksNearThePeriodEndAreListed() throws Exception {
    assertThat(Files.readString(out.resolve(ReportFiles.RESERVATIONS))).contains(",'@SUM(1+1),");
    String html = Files.readString(out.resolve(ReportFiles.SUMMARY), StandardCharsets.UTF_8);
    assertThat(html).contains("cr-5").contains("cr-8").doesNotContain("cr-9")
        .contains("&lt;b&gt;not enough&lt;/b&gt; slots").doesNotContain("<b>not enough");
    assertThat(rows(out.resolve(ReportFiles.CAPACITY_TASKS))).extracting(r -> r.get("capacity_task_id") + " "
        + r.get("status")).containsExactly("cap-1 COMPLETED", "cap-2 FAILED");
  }

  /** The file as compared: the chart PNG depends on the machine's fonts, so its bytes are checked apart. */
  private static String comparable(String name, String content) {
    return name.endsWith(".html") ? DATA_URI.matcher(content).replaceAll("data:image/png;base64,PNG") : content;
  }

  private static Map<String, BigDecimal> sumBy(Path csv, String key, String column) throws Exception {
    Map<String, BigDecimal> sums = new java.util.TreeMap<>();
    for (CSVRecord row : rows(csv)) {
      if (!row.get(column).isEmpty()) {
        sums.merge(row.get(key), new BigDecimal(row.get(column)), BigDecimal::add);
      }
    }
    return sums;
  }

  private static List<CSVRecord> rows(Path csv) throws Exception {
    return List.copyOf(DemoTest.rowsOf(csv));
  }
}
