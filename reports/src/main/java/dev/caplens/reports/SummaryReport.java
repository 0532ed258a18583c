package dev.caplens.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The HTML summary finance reads: the period, headline figures per currency, the daily trend of
 * used and idle instance-hours, the accounts, the reservations with the most idle cost and what to
 * do about each, capacity blocks starting or ending near the period end, Outposts capacity tasks,
 * data-quality findings and the sources that could not be read. Mustache escapes every value, so
 * text from the clouds (tags, ids) can never become markup. Table layout with inline CSS, so it
 * renders the same in a browser and in mail clients.
 */
public final class SummaryReport {

  /** Reservations listed under "Most idle cost", per currency. */
  static final int TOP_IDLE = 10;
  /** A reservation used less than this share is resized down rather than lent. */
  static final BigDecimal RESIZE_BELOW_UTILISATION = new BigDecimal("0.5");

  private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/caplens/reports")
      .compile("summary.mustache");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private SummaryReport() {}

  /**
   * Inputs: the period, the report tables (reservations.csv, accounts.csv, daily.csv,
   * capacity_tasks.csv, data_quality.csv, and the capacity blocks near the period end) and the
   * sources that could not be read (each a line such as "aws 111111111111 eu-west-1: AccessDenied").
   */
  public record Input(LocalDate from, LocalDate to, ReportTable reservations, ReportTable accounts,
                      ReportTable daily, ReportTable capacityTasks, ReportTable capacityBlocks,
                      ReportTable dataQuality, List<String> unreadableSources) {

    public Input {
      unreadableSources = unreadableSources == null ? List.of() : List.copyOf(unreadableSources);
    }

    /** The same inputs with every source read. */
    public Input(LocalDate from, LocalDate to, ReportTable reservations, ReportTable accounts, ReportTable daily,
                 ReportTable capacityTasks, ReportTable capacityBlocks, ReportTable dataQuality) {
      this(from, to, reservations, accounts, daily, capacityTasks, capacityBlocks, dataQuality, List.of());
    }

    public Input withUnreadableSources(List<String> sources) {
      return new Input(from, to, reservations, accounts, daily, capacityTasks, capacityBlocks, dataQuality, sources);
    }

    public String period() {
      return from.equals(to) ? from.toString() : from + " to " + to;
    }
  }

  /** Writes summary.html with the trend chart inline as a {@code data:} URI. */
  public static void write(Path file, Input input) throws IOException {
    String chart = "data:image/png;base64," + Base64.getEncoder().encodeToString(TrendChart.png(input.daily()));
    ReportFiles.writeAtomically(file, render(input, chart));
  }

  /** The page, with {@code chartSource} as the trend chart's {@code img src} (a data: or cid: URI). */
  public static String render(Input input, String chartSource) {
    StringWriter out = new StringWriter();
    TEMPLATE.execute(out, model(input, chartSource));
    return out.toString();
  }

  static Map<String, Object> model(Input input, String chartSource) {
    List<IdleLine> topIdle = topIdle(input.reservations());
    List<BlockLine> blocks = capacityBlocks(input.capacityBlocks(), input.to());
    List<TaskLine> tasks = capacityTasks(input.capacityTasks());
    List<QualityLine> quality = dataQuality(input.dataQuality());
    Map<String, Object> model = new HashMap<>();
    model.put("period", input.period());
    model.put("headlines", headlines(input.reservations(), input.accounts()));
    model.put("chartSource", chartSource);
    model.put("chartWidth", TrendChart.WIDTH);
    model.put("chartHeight", TrendChart.HEIGHT);
    model.put("accounts", accountLines(input.accounts()));
    model.put("topIdle", topIdle);
    model.put("hasTopIdle", !topIdle.isEmpty());
    model.put("blocks", blocks);
    model.put("hasBlocks", !blocks.isEmpty());
    model.put("noticeDays", CAPACITY_BLOCK_NOTICE_DAYS);
    model.put("tasks", tasks);
    model.put("hasTasks", !tasks.isEmpty());
    model.put("quality", quality);
    model.put("hasQuality", !quality.isEmpty());
    model.put("dataQualityFindings", input.dataQuality().rows().size());
    model.put("unreadable", input.unreadableSources());
    model.put("hasUnreadable", !input.unreadableSources().isEmpty());
    return model;
  }

  /** How far either side of the period end a capacity block's start or end earns it a line. */
  public static final int CAPACITY_BLOCK_NOTICE_DAYS = 7;

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

  /** The headline idle cost and share per currency on one line, e.g. "idle 16.13 USD (70.0%)". */
  static String idleHeadline(Input input) {
    List<Headline> headlines = headlines(input.reservations(), input.accounts());
    if (headlines.isEmpty()) {
      return "no priced reservations";
    }
    return "idle " + headlines.stream().map(h -> h.idleCost() + " (" + h.idleShare() + ")")
        .collect(Collectors.joining(", "));
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

  /** Per currency (costs in different currencies do not rank against each other), the most idle cost first. */
  static List<IdleLine> topIdle(ReportTable reservations) {
    Map<String, List<List<Object>>> byCurrency = new TreeMap<>();
    for (List<Object> row : reservations.rows()) {
      if (positive(reservations.decimal(row, "idle_cost"))) {
        byCurrency.computeIfAbsent(reservations.text(row, "currency"), c -> new ArrayList<>()).add(row);
      }
    }
    List<IdleLine> lines = new ArrayList<>();
    byCurrency.values().forEach(rows -> rows.stream()
        .sorted(Comparator.comparing((List<Object> row) -> reservations.decimal(row, "idle_cost")).reversed())
        .limit(TOP_IDLE)
        .map(row -> idleLine(reservations, row))
        .forEach(lines::add));
    return lines;
  }

  private static IdleLine idleLine(ReportTable reservations, List<Object> row) {
    return new IdleLine(reservations.text(row, "reservation_id"),
        reservations.text(row, "reservation_kind"), reservations.text(row, "owner_account_id"),
        reservations.text(row, "instance_type"), reservations.text(row, "region"),
        hours(reservations.decimal(row, "idle_instance_hours")),
        money(reservations.decimal(row, "idle_cost"), reservations.text(row, "currency")),
        percent(reservations.decimal(row, "utilisation")),
        action(reservations.text(row, "reservation_kind"), reservations.decimal(row, "utilisation")));
  }

  /**
   * What to do about an idle reservation, by kind and utilisation (used / reserved):
   * <ul>
   *   <li>capacity block: paid up front and cannot be released, so schedule work into its window;</li>
   *   <li>Outpost slots: rebalance them to the instance types that run, with a capacity task;</li>
   *   <li>nothing ran in it (utilisation 0 or unknown): release it;</li>
   *   <li>less than {@link #RESIZE_BELOW_UTILISATION} used: resize it down to what runs;</li>
   *   <li>an ODCR used more than that: keep it and lend the idle part through an interruptible
   *       capacity allocation (only ODCRs can lend);</li>
   *   <li>any other kind used more than that: resize it down to what runs.</li>
   * </ul>
   */
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
    if (utilisation.compareTo(RESIZE_BELOW_UTILISATION) < 0) {
      return "Resize it down to the instances that run";
    }
    if ("odcr".equals(kind)) {
      return "Lend the idle part through an interruptible allocation";
    }
    return "Resize it down to the instances that run";
  }

  record BlockLine(String reservationId, String accountId, String instances, String zone, String state,
                   String start, String end, String notice) {}

  static List<BlockLine> capacityBlocks(ReportTable blocks, LocalDate periodEnd) {
    Instant end = periodEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<BlockLine> lines = new ArrayList<>();
    for (List<Object> row : blocks.rows()) {
      Instant start = (Instant) blocks.cell(row, "start_date");
      Instant finish = (Instant) blocks.cell(row, "end_date");
      lines.add(new BlockLine(blocks.text(row, "reservation_id"), blocks.text(row, "owner_account_id"),
          blocks.text(row, "total_instance_count") + " x " + blocks.text(row, "instance_type"),
          blocks.text(row, "availability_zone"), blocks.text(row, "state"), instant(start), instant(finish),
          notice(start, finish, end)));
    }
    return lines;
  }

  /** Whether a block starts or ends within the notice window around the period end. */
  static String notice(Instant start, Instant finish, Instant periodEnd) {
    List<String> events = new ArrayList<>();
    if (start != null && near(start, periodEnd)) {
      events.add(start.isAfter(periodEnd) ? "starts after the period" : "started in the last " + CAPACITY_BLOCK_NOTICE_DAYS + " days");
    }
    if (finish != null && near(finish, periodEnd)) {
      events.add(finish.isAfter(periodEnd) ? "ends within " + CAPACITY_BLOCK_NOTICE_DAYS + " days" : "ended in the last " + CAPACITY_BLOCK_NOTICE_DAYS + " days");
    }
    return String.join("; ", events);
  }

  private static boolean near(Instant t, Instant periodEnd) {
    long seconds = Math.abs(t.getEpochSecond() - periodEnd.getEpochSecond());
    return seconds <= CAPACITY_BLOCK_NOTICE_DAYS * 86_400L;
  }

  record TaskLine(String taskId, String outpostId, String status, String requested, String created,
                  String completed, String durationHours, String failure) {}

  static List<TaskLine> capacityTasks(ReportTable tasks) {
    List<TaskLine> lines = new ArrayList<>();
    for (List<Object> row : tasks.rows()) {
      String failure = String.join(": ", java.util.stream.Stream.of(tasks.text(row, "failure_type"),
          tasks.text(row, "failure_reason")).filter(t -> t != null && !t.isEmpty()).toList());
      lines.add(new TaskLine(tasks.text(row, "capacity_task_id"), tasks.text(row, "outpost_id"),
          tasks.text(row, "status"), tasks.text(row, "requested_pools_json"),
          instant((Instant) tasks.cell(row, "creation_date")), instant((Instant) tasks.cell(row, "completion_date")),
          hours(tasks.decimal(row, "duration_hours")), failure));
    }
    return lines;
  }

  record QualityLine(String check, long findings, String instanceHours) {}

  /** Findings per check, with the instance-hours they affect. */
  static List<QualityLine> dataQuality(ReportTable findings) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> hours = new TreeMap<>();
    for (List<Object> row : findings.rows()) {
      String check = findings.text(row, "check");
      counts.computeIfAbsent(check, c -> new long[1])[0]++;
      BigDecimal affected = findings.decimal(row, "instance_hours");
      if (affected != null) {
        hours.merge(check, affected, BigDecimal::add);
      }
    }
    List<QualityLine> lines = new ArrayList<>();
    counts.forEach((check, n) -> lines.add(new QualityLine(check, n[0],
        hours.containsKey(check) ? hours(hours.get(check)) : "")));
    return lines;
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

  static String instant(Instant t) {
    return t == null ? "" : MINUTE.format(t);
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
