package dev.caplens.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-built report tables for summary and mail tests. cr-1 is DESIGN.md's worked example
 * (240 h reserved, 72 used, 23.04 USD reserved, 16.128 idle); its id carries a script payload
 * that would change the page title and mark the body if it ever ran. crp-2: 100 h reserved,
 * 50 used, at 1 CNY an hour.
 */
final class SummaryFixture {

  static final String SCRIPT_PAYLOAD = "cr-1<script>document.title='pwned'</script>"
      + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";

  static final List<String> RESERVATION_COLUMNS = List.of("provider", "owner_account_id", "reservation_id",
      "reservation_kind", "region", "instance_type", "currency", "reserved_instance_hours",
      "used_instance_hours", "idle_instance_hours", "utilisation", "reserved_cost", "idle_cost", "lending_savings");
  static final List<String> ACCOUNT_COLUMNS = List.of("provider", "account_id", "currency",
      "owned_reserved_instance_hours", "consumed_instance_hours", "utilisation", "idle_cost", "chargeback_cost",
      "lendable_idle_cost");
  static final List<String> DAILY_COLUMNS = List.of("date", "provider", "account_id", "currency",
      "owned_used_instance_hours", "owned_idle_instance_hours");
  static final List<String> TASK_COLUMNS = List.of("capacity_task_id", "outpost_id", "status",
      "requested_pools_json", "creation_date", "completion_date", "duration_hours", "failure_type", "failure_reason");
  static final List<String> BLOCK_COLUMNS = List.of("provider", "owner_account_id", "reservation_id",
      "availability_zone", "instance_type", "total_instance_count", "state", "start_date", "end_date");
  static final List<String> QUALITY_COLUMNS = List.of("date", "provider", "account_id", "check", "instance_hours");

  private SummaryFixture() {}

  static SummaryReport.Input input() {
    LocalDate day = LocalDate.parse("2026-11-20");
    ReportTable reservations = new ReportTable(RESERVATION_COLUMNS, List.of(
        Arrays.asList("aws", "111111111111", SCRIPT_PAYLOAD, "odcr", "us-east-1", "m5.large", "USD",
            d("240"), d("72"), d("168"), d("0.3"), d("23.04"), d("16.128"), d("0")),
        Arrays.asList("aliyun", "5123456789012345", "crp-2", "private-pool", "cn-hangzhou", "ecs.g7.large", "CNY",
            d("100"), d("50"), d("50"), d("0.5"), d("100"), d("50"), d("0"))));
    ReportTable accounts = new ReportTable(ACCOUNT_COLUMNS, List.of(
        Arrays.asList("aws", "111111111111", "USD", d("240"), d("48"), d("0.3"), d("16.128"), d("4.608"), d("16.128")),
        Arrays.asList("aws", "222222222222", "USD", d("0"), d("24"), null, d("0"), d("2.304"), d("0"))));
    ReportTable daily = new ReportTable(DAILY_COLUMNS, List.of(
        Arrays.asList(day, "aws", "111111111111", "USD", d("72"), d("168")),
        Arrays.asList(day, "aliyun", "5123456789012345", "CNY", d("50"), d("50"))));
    ReportTable tasks = new ReportTable(TASK_COLUMNS, List.<List<Object>>of(
        Arrays.asList("cap-1", "op-1", "FAILED", "{\"m5.xlarge\":8}", Instant.parse("2026-11-20T10:00:00Z"),
            Instant.parse("2026-11-20T10:30:00Z"), d("0.5"), "UNSUPPORTED_CAPACITY_CONFIGURATION", "too few slots")));
    ReportTable blocks = new ReportTable(BLOCK_COLUMNS, List.<List<Object>>of(
        Arrays.asList("aws", "111111111111", "cr-8", "us-east-1a", "p5.48xlarge", 4, "scheduled",
            Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"))));
    ReportTable quality = new ReportTable(QUALITY_COLUMNS, List.of(
        Arrays.asList(day, "aws", "111111111111", "missing-price", d("24")),
        Arrays.asList(day, "aws", "222222222222", "missing-price", d("12")),
        Arrays.asList(day, "aws", "111111111111", "unpublished-rows", null)));
    return new SummaryReport.Input(day, day, reservations, accounts, daily, tasks, blocks, quality,
        List.of("aws 333333333333 eu-west-1 (ec2): AccessDenied <assumed role>"));
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }
}
