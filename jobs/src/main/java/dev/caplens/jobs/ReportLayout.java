package dev.caplens.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Where scheduled runs put their reports, under one root (config key {@code reports}, default
 * {@code reports/} beside a local warehouse):
 * {@code ROOT/daily/YYYY-MM-DD/} for one day and {@code ROOT/month/YYYY-MM/} for a month from its
 * first day to the last day computed so far (month-to-date until the month is over).
 */
final class ReportLayout {

  /** One report to write: the days it covers and its directory. */
  record Report(LocalDate from, LocalDate to, Path dir) {}

  private final Path root;

  ReportLayout(Path root) {
    this.root = root;
  }

  static ReportLayout of(CaplensConfig cfg) {
    if (cfg.reports() != null && !cfg.reports().isBlank()) {
      return new ReportLayout(Path.of(cfg.reports()));
    }
    String warehouse = Options.required("reports", null, cfg.warehouse());
    if (ConfigCheck.isRemote(warehouse)) {
      throw new UsageException("key 'reports': required when the warehouse is " + warehouse);
    }
    Path local = warehouse.contains("://") ? Path.of(URI.create(warehouse)) : Path.of(warehouse);
    return new ReportLayout(local.toAbsolutePath().normalize().resolveSibling("reports"));
  }

  Path root() {
    return root;
  }

  /**
   * The reports to rewrite after the days {@code from..to} were recomputed: each of those days,
   * and each month they touch, from its first day to {@code to} or its last day.
   */
  List<Report> afterRecomputing(LocalDate from, LocalDate to) {
    List<Report> reports = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      reports.add(new Report(day, day, root.resolve("daily").resolve(day.toString())));
    }
    for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
      LocalDate last = month.atEndOfMonth().isBefore(to) ? month.atEndOfMonth() : to;
      reports.add(new Report(month.atDay(1), last, root.resolve("month").resolve(month.toString())));
    }
    return reports;
  }
}
