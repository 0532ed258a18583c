package dev.caplens.reports;

import static dev.caplens.reports.SummaryFixture.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryReportTest {

  @TempDir
  Path dir;

  @Test
  void headlineSumsPerCurrencyAndEscapesCloudText() {
    String html = SummaryReport.render(SummaryFixture.input(), "cid:chart");

    assertThat(html).contains("Reserved capacity: 2026-11-20");
    // USD: 23.04 reserved, 16.128 idle = 70% of it, 72 of 240 h used = 30%.
    assertThat(html).contains("23.04 USD").contains("16.13 USD").contains("70.0% of reserved").contains("30.0%");
    assertThat(html).contains("100.00 CNY").contains("50.0%");
    assertThat(html).contains("cr-1&lt;script&gt;").doesNotContain("<script>").doesNotContain("<img src=x");
    assertThat(html).contains("3 finding(s)");
    // The worked example's reservation is the top idle one, at 30% utilisation: resize it.
    assertThat(html).contains("Resize it down to the instances that run");
  }

  @Test
  void listsDataQualityPerCheckCapacityBlocksTasksAndUnreadableSources() {
    String html = SummaryReport.render(SummaryFixture.input(), "cid:chart");
    // Two missing-price findings over 24 + 12 h; one unpublished-rows finding without hours.
    assertThat(html).contains("<td>missing-price</td><td align=\"right\">2</td><td align=\"right\">36</td>")
        .contains("<td>unpublished-rows</td><td align=\"right\">1</td>");
    assertThat(html).contains("cr-8").contains("4 x p5.48xlarge").contains("2026-11-25 00:00 UTC")
        .contains("starts after the period");
    assertThat(html).contains("cap-1").contains("UNSUPPORTED_CAPACITY_CONFIGURATION: too few slots");
    assertThat(html).contains("Sources that could not be read")
        .contains("AccessDenied &lt;assumed role&gt;");
    assertThat(html).contains("src=\"cid:chart\"");
  }

  @Test
  void saysSoWhenEverySourceWasRead() {
    String html = SummaryReport.render(SummaryFixture.input().withUnreadableSources(null), "cid:chart");
    assertThat(html).doesNotContain("Sources that could not be read");
  }

  @Test
  void writesTheFileWithTheChartInline() throws Exception {
    Path file = dir.resolve(ReportFiles.SUMMARY);
    SummaryReport.write(file, SummaryFixture.input());
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("src=\"data:image/png;base64,iVBORw0KGgo");
    assertThat(dir.resolve(".summary.html.tmp")).doesNotExist();
  }

  @Test
  void topIdleRanksWithinEachCurrency() {
    // 100 USD outranks 10 USD, but never 50 CNY: CNY's list comes first (alphabetical), then USD's.
    ReportTable reservations = new ReportTable(SummaryFixture.RESERVATION_COLUMNS, List.of(
        idle("cr-a", "USD", "100"), idle("crp-b", "CNY", "50"), idle("cr-c", "USD", "10"), idle("cr-d", "USD", "0")));
    assertThat(SummaryReport.topIdle(reservations)).extracting(SummaryReport.IdleLine::idleCost)
        .containsExactly("50.00 CNY", "100.00 USD", "10.00 USD");
  }

  private static List<Object> idle(String id, String currency, String idleCost) {
    return java.util.Arrays.asList("aws", "111111111111", id, "odcr", "us-east-1", "m5.large", currency, d("10"),
        d("5"), d("5"), d("0.5"), d("200"), d(idleCost), d("0"));
  }

  @Test
  void actionFollowsKindAndUtilisation() {
    assertThat(SummaryReport.action("odcr", d("0"))).startsWith("Release");
    assertThat(SummaryReport.action("odcr", null)).startsWith("Release");
    assertThat(SummaryReport.action("odcr", d("0.49"))).startsWith("Resize");
    assertThat(SummaryReport.action("odcr", d("0.8"))).startsWith("Lend");
    assertThat(SummaryReport.action("private-pool", d("0.8"))).startsWith("Resize");
    assertThat(SummaryReport.action("capacity-block", d("0.1"))).startsWith("Paid up front");
    assertThat(SummaryReport.action("outpost", d("0.1"))).startsWith("Rebalance");
  }

  @Test
  void noticeSaysWhichSideOfThePeriodEndABlockStartsOrEnds() {
    Instant end = Instant.parse("2026-11-21T00:00:00Z");
    assertThat(SummaryReport.notice(Instant.parse("2026-11-19T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z"), end))
        .isEqualTo("started in the last 7 days; ends within 7 days");
    assertThat(SummaryReport.notice(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"), end))
        .isEqualTo("ended in the last 7 days");
  }
}
