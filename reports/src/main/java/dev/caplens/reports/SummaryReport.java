package dev.caplens.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML summary finance reads: headline figures per currency, the accounts, and the reservations
 * with the most idle cost, each with what to do about it. Mustache escapes every value, so text
 * from the clouds (tags, names) can never become markup.
 */
public final class SummaryReport {

  static final int TOP_IDLE = 10;
  private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/caplens/reports")
      .compile("summary.mustache");

  private SummaryReport() {}

  /** Inputs: the period and the reservations.csv and accounts.csv tables. */
  public record Input(LocalDate from, LocalDate to, ReportTable reservations, ReportTable accounts,
                      int dataQualityFindings) {}

  public static void write(Path file, Input input) throws IOException {
    Path staged = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(staged, render(input), StandardCharsets.UTF_8);
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public static String render(Input input) {
    StringWriter out = new StringWriter();
    TEMPLATE.execute(out, model(input));
    return out.toString();
  }

  static Map<String, Object> model(Input input) {
    List<IdleLine> topIdle = topIdle(input.reservations());
    return Map.of(
        "period", input.from().equals(input.to()) ? input.from().toString() : input.from() + " to " + input.to(),
        "headlines", headlines(input.reservations(), input.accounts()),
        "accounts", accountLines(input.accounts()),
        "topIdle", topIdle,
        "hasTopIdle", !topIdle.isEmpty(),
        "dataQualityFindings", input.dataQualityFindings());
  }

  /** One block of headline figures per currency; unpriced reservations are counted apart. */
  record Headline(String currency, String reservedCost, String idleCost, String idleShare,
                  String utilisation, String lendingSavings, String lendableIdleCost) {}

  static List<Headline> headlines(ReportTable reservations, ReportTable accounts) {
    Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
    for (List<Object> row : reservations.rows()) {
      String currency = reservations.text(row, "currency");
      if (currency == null) {
        continue;
      }
      BigDecimal[] sums = byCurrency.computeIfAbsent(currency, c -> zeros(6));
      add(sums, 0, reservations.decimal(row, "reserved_cost"));
      add(sums, 1, reservations.decimal(row, "idle_cost"));
      add(sums, 2, reservations.decimal(row, "reserved_instance_hours"));
      add(sums, 3, reservations.decimal(row, "used_instance_hours"));
      add(sums, 4, reservations.decimal(row, "lending_savings"));
    }
    for (List<Object> row : accounts.rows()) {
      String currency = accounts.text(row, "currency");
      if (currency != null && byCurrency.containsKey(currency)) {
        add(byCurrency.get(currency), 5, accounts.decimal(row, "lendable_idle_cost"));
      }
    }
    List<Headline> headlines = new ArrayList<>();
    byCurrency.forEach((currency, s) -> headlines.add(new Headline(currency,
        money(s[0], currency), money(s[1], currency), percent(ratio(s[1], s[0])),
        percent(ratio(s[3], s[2])), money(s[4], currency), money(s[5], currency))));
    return headlines;
  }

  record AccountLine(String provider, String accountId, String currency, String ownedReserved,
                     String consumed, String idleCost, String chargeback, String utilisation) {}

  static List<AccountLine> accountLines(ReportTable accounts) {
    List<AccountLine> lines = new ArrayList<>();
    for (List<Object> row : accounts.rows()) {
      String currency = accounts.text(row, "currency");
      lines.add(new AccountLine(accounts.text(row, "provider"), accounts.text(row, "account_id"),
          currency == null ? "unpriced" : currency,
          hours(accounts.decimal(row, "owned_reserved_instance_hours")),
          hours(accounts.decimal(row, "consumed_instance_hours")),
          money(accounts.decimal(row, "idle_cost"), currency),
          money(accounts.decimal(row, "chargeback_cost"), currency),
          percent(accounts.decimal(row, "utilisation"))));
    }
    return lines;
  }

  record IdleLine(String reservationId, String kind, String accountId, String instanceType, String region,
                  String idleHours, String idleCost, String utilisation, String action) {}

  static List<IdleLine> topIdle(ReportTable reservations) {
    return reservations.rows().stream()
        .filter(row -> positive(reservations.decimal(row, "idle_cost")))
        .sorted(Comparator.comparing((List<Object> row) -> reservations.decimal(row, "idle_cost")).reversed())
        .limit(TOP_IDLE)
        .map(row -> new IdleLine(reservations.text(row, "reservation_id"),
            reservations.text(row, "reservation_kind"), reservations.text(row, "owner_account_id"),
            reservations.text(row, "instance_type"), reservations.text(row, "region"),
            hours(reservations.decimal(row, "idle_instance_hours")),
            money(reservations.decimal(row, "idle_cost"), reservations.text(row, "currency")),
            percent(reservations.decimal(row, "utilisation")),
            action(reservations.text(row, "reservation_kind"), reservations.decimal(row, "utilisation"))))
        .toList();
  }

  /** What a FinOps engineer would do about an idle reservation of this kind. */
  static String action(String kind, BigDecimal utilisation) {
    if ("capacity-block".equals(kind)) {
      return "Paid up front: schedule work into the block's window";
    }
    if ("outpost".equals(kind)) {
      return "Rebalance instance slots with an Outposts capacity task";
    }
    if (utilisation == null || utilisation.signum() == 0) {
      return "Release it: nothing ran in it";
    }
    if (utilisation.compareTo(new BigDecimal("0.5")) < 0) {
      return "Resize it down, or lend the idle part through an interruptible allocation";
    }
    return "Lend the idle part through an interruptible allocation";
  }

  private static boolean positive(BigDecimal value) {
    return value != null && value.signum() > 0;
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] sums = new BigDecimal[n];
    java.util.Arrays.fill(sums, BigDecimal.ZERO);
    return sums;
  }

  private static void add(BigDecimal[] sums, int i, BigDecimal value) {
    if (value != null) {
      sums[i] = sums[i].add(value);
    }
  }

  private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, 6, RoundingMode.HALF_UP);
  }

  static String money(BigDecimal value, String currency) {
    if (value == null) {
      return "n/a";
    }
    return decimal("#,##0.00").format(value.setScale(2, RoundingMode.HALF_UP)) + (currency == null ? "" : " " + currency);
  }

  static String hours(BigDecimal value) {
    return value == null ? "n/a" : decimal("#,##0.#").format(value.setScale(1, RoundingMode.HALF_UP));
  }

  static String percent(BigDecimal fraction) {
    return fraction == null ? "n/a" : decimal("0.0").format(fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP)) + "%";
  }

  private static DecimalFormat decimal(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

}
