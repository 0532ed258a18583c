package dev.caplens.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryReportTest {

  static final List<String> RESERVATION_COLUMNS = List.of("provider", "owner_account_id", "reservation_id",
      "reservation_kind", "region", "instance_type", "currency", "reserved_instance_hours",
      "used_instance_hours", "idle_instance_hours", "utilisation", "reserved_cost", "idle_cost", "lending_savings");
  static final List<String> ACCOUNT_COLUMNS = List.of("provider", "account_id", "currency",
      "owned_reserved_instance_hours", "consumed_instance_hours", "utilisation", "idle_cost", "chargeback_cost",
      "lendable_idle_cost");

  @Test
  void headlineSumsPerCurrencyAndEscapesCloudText() {
    // cr-1 is DESIGN.md's worked example: 240 h reserved, 72 used, 23.04 USD reserved, 16.128 idle.
    // cr-2: 100 h reserved, 50 used at 1 CNY/h.
    ReportTable reservations = new ReportTable(RESERVATION_COLUMNS, List.of(
        Arrays.asList("aws", "111111111111", "cr-1<script>alert(1)</script>", "odcr", "us-east-1", "m5.large", "USD",
            d("240"), d("72"), d("168"), d("0.3"), d("23.04"), d("16.128"), d("0")),
        Arrays.asList("aliyun", "5123456789012345", "crp-2", "private-pool", "cn-hangzhou", "ecs.g7.large", "CNY",
            d("100"), d("50"), d("50"), d("0.5"), d("100"), d("50"), d("0"))));
    ReportTable accounts = new ReportTable(ACCOUNT_COLUMNS, List.of(
        Arrays.asList("aws", "111111111111", "USD", d("240"), d("48"), d("0.3"), d("16.128"), d("4.608"), d("16.128"))));

    String html = SummaryReport.render(new SummaryReport.Input(LocalDate.parse("2026-11-20"),
        LocalDate.parse("2026-11-20"), reservations, accounts, 2));

    assertThat(html).contains("Reserved capacity: 2026-11-20");
    assertThat(html).contains("23.04 USD").contains("16.13 USD").contains("70.0% of reserved").contains("30.0%");
    assertThat(html).contains("100.00 CNY").contains("50.0%");
    assertThat(html).contains("cr-1&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(html).contains("2 finding(s)");
    // The worked example's reservation is the top idle one, at 30% utilisation: resize or lend.
    assertThat(html).contains("Resize it down, or lend the idle part");
  }

  @Test
  void actionFollowsKindAndUtilisation() {
    assertThat(SummaryReport.action("odcr", BigDecimal.ZERO)).startsWith("Release");
    assertThat(SummaryReport.action("odcr", d("0.8"))).startsWith("Lend");
    assertThat(SummaryReport.action("capacity-block", d("0.1"))).startsWith("Paid up front");
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }
}
