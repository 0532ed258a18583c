package dev.caplens.bench;

import static org.apache.spark.sql.functions.col;

import dev.caplens.bench.DuckDbMarts.AccountDay;
import dev.caplens.bench.DuckDbMarts.ReservationDay;
import dev.caplens.transform.ExactUnits;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.MartTable;
import dev.caplens.transform.ReportQueries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * B1's cross-check: the marts caplens's transform wrote against DuckDB's, compared exactly. Every
 * reservation-day's reserved, used, lent and borrowed instance-hours and its reserved, used and
 * idle cost and lending savings; every account-day's used instance-hours and chargeback; and every
 * account's accounts.csv totals (owned hours, reserved cost, idle cost billed to it, chargeback,
 * lending savings, lendable idle cost, consumed hours). DuckDB's instance-microseconds are rounded
 * as caplens rounds them ({@link ExactUnits}); its costs are exact ten-billionths.
 *
 * <p>A reservation-day only one engine has is compared by its hours alone, as zero on the other
 * side: caplens also writes the days that only unobserved_hours speak for, which the SQL does not
 * compute.
 */
final class MartCrossCheck {

  private static final int RESERVATION_HOURS = 4;

  private final Map<String, List<BigDecimal>> sparkReservationDays = new TreeMap<>();
  private final Map<String, List<BigDecimal>> duckReservationDays = new TreeMap<>();
  private final Map<String, List<BigDecimal>> sparkAccountDays = new TreeMap<>();
  private final Map<String, List<BigDecimal>> duckAccountDays = new TreeMap<>();
  private final Map<String, List<BigDecimal>> sparkAccounts = new TreeMap<>();
  private final Map<String, BigDecimal[]> duckAccounts = new TreeMap<>();

  /** The comparison's one line for the figures table; the first differences go to stderr. */
  static String compare(SparkSession spark, String warehouse, LocalDate from, LocalDate to,
      List<ReservationDay> duckReservationDays, List<AccountDay> duckAccountDays) {
    MartCrossCheck check = new MartCrossCheck();
    check.readSpark(spark, warehouse, from, to);
    duckReservationDays.forEach(check::addDuck);
    duckAccountDays.forEach(check::addDuck);
    return check.verdict();
  }

  private void readSpark(SparkSession spark, String warehouse, LocalDate from, LocalDate to) {
    Dataset<Row> reservationDailyDF = MartReader.read(spark, warehouse, MartTable.RESERVATION_DAILY, from, to);
    Dataset<Row> accountUsageDailyDF = MartReader.read(spark, warehouse, MartTable.ACCOUNT_USAGE_DAILY, from, to);
    for (Row row : reservationDailyDF.select(col("provider"), col("reservation_id"), col("date"),
        col("reserved_instance_hours"), col("used_instance_hours"), col("lent_instance_hours"),
        col("borrowed_instance_hours"), col("reserved_cost"), col("used_cost"), col("idle_cost"),
        col("lending_savings")).collectAsList()) {
      sparkReservationDays.put(dayKey(row.getString(0), row.getString(1), epochDay(row, 2)), decimals(row, 3, 8));
    }
    for (Row row : accountUsageDailyDF.select(col("provider"), col("reservation_id"), col("date"), col("account_id"),
        col("used_instance_hours"), col("chargeback_cost")).collectAsList()) {
      sparkAccountDays.put(dayKey(row.getString(0), row.getString(1), epochDay(row, 2)) + "|" + row.getString(3),
          decimals(row, 4, 2));
    }
    for (Row row : ReportQueries.accounts(reservationDailyDF, accountUsageDailyDF).select(col("provider"),
        col("account_id"), col("owned_reserved_instance_hours"), col("owned_used_instance_hours"),
        col("reserved_cost"), col("idle_cost"), col("chargeback_cost"), col("lending_savings"),
        col("lendable_idle_cost"), col("consumed_instance_hours")).collectAsList()) {
      // One row per currency: summed, as the SQL's accounts are per provider and account.
      List<BigDecimal> figures = decimals(row, 2, AccountFigure.values().length).stream()
          .map(MartCrossCheck::orZero).toList();
      sparkAccounts.merge(row.getString(0) + "|" + row.getString(1), figures, MartCrossCheck::sum);
    }
  }

  /** accounts.csv's measures, in the order both sides list them. */
  private enum AccountFigure {
    OWNED_RESERVED_HOURS, OWNED_USED_HOURS, RESERVED_COST, IDLE_COST, CHARGEBACK_COST, LENDING_SAVINGS,
    LENDABLE_IDLE_COST, CONSUMED_HOURS
  }

  private void addDuck(ReservationDay day) {
    BigDecimal reserved = ExactUnits.hours(day.reservedIus());
    BigDecimal used = ExactUnits.hours(day.usedIus());
    BigDecimal reservedCost = tenBillionths(day.reservedCostE10());
    BigDecimal idleCost = tenBillionths(day.idleCostE10());
    BigDecimal lendingSavings = tenBillionths(day.lendingSavingsE10());
    duckReservationDays.put(dayKey(day.provider(), day.reservationId(), day.epochDay()), Arrays.asList(
        reserved, used, ExactUnits.hours(day.lentIus()), ExactUnits.hours(day.borrowedIus()),
        reservedCost, tenBillionths(day.usedCostE10()), idleCost, lendingSavings));
    String owner = day.provider() + "|" + day.ownerAccountId();
    add(owner, AccountFigure.OWNED_RESERVED_HOURS, reserved);
    add(owner, AccountFigure.OWNED_USED_HOURS, used);
    add(owner, AccountFigure.RESERVED_COST, reservedCost);
    add(owner, AccountFigure.LENDING_SAVINGS, lendingSavings);
    add(owner, AccountFigure.LENDABLE_IDLE_COST, day.lendable() ? idleCost : null);
    add(day.provider() + "|" + day.billingOwnerAccountId(), AccountFigure.IDLE_COST, idleCost);
  }

  private void addDuck(AccountDay day) {
    BigDecimal hours = ExactUnits.hours(day.accountIus());
    BigDecimal chargeback = tenBillionths(day.chargebackE10());
    duckAccountDays.put(dayKey(day.provider(), day.reservationId(), day.epochDay()) + "|" + day.accountId(),
        Arrays.asList(hours, chargeback));
    String account = day.provider() + "|" + day.accountId();
    add(account, AccountFigure.CHARGEBACK_COST, chargeback);
    add(account, AccountFigure.CONSUMED_HOURS, hours);
  }

  private void add(String account, AccountFigure figure, BigDecimal value) {
    BigDecimal[] figures = duckAccounts.computeIfAbsent(account, k -> zeros(AccountFigure.values().length));
    figures[figure.ordinal()] = figures[figure.ordinal()].add(orZero(value));
  }

  private String verdict() {
    Map<String, List<BigDecimal>> duckAccountFigures = new TreeMap<>();
    duckAccounts.forEach((account, figures) -> duckAccountFigures.put(account, Arrays.asList(figures)));
    List<String> reservationDays = differing(sparkReservationDays, duckReservationDays, RESERVATION_HOURS);
    List<String> accountDays = differing(sparkAccountDays, duckAccountDays, 2);
    List<String> accounts = differing(sparkAccounts, duckAccountFigures, AccountFigure.values().length);
    int reservationDayCount = union(sparkReservationDays, duckReservationDays).size();
    int accountDayCount = union(sparkAccountDays, duckAccountDays).size();
    int accountCount = union(sparkAccounts, duckAccountFigures).size();
    if (reservationDays.isEmpty() && accountDays.isEmpty() && accounts.isEmpty()) {
      return String.format("equal: %,d reservation-days, %,d account-days, %d accounts",
          reservationDayCount, accountDayCount, accountCount);
    }
    for (List<String> differences : List.of(reservationDays, accountDays, accounts)) {
      differences.stream().limit(3).forEach(d -> System.err.println("B1 differs: " + d));
    }
    return String.format("DIFFER: %d of %,d reservation-days, %d of %,d account-days, %d of %d accounts",
        reservationDays.size(), reservationDayCount, accountDays.size(), accountDayCount, accounts.size(),
        accountCount);
  }

  /**
   * Keys whose figures differ, with both sides' figures. A key one side lacks is compared as zero
   * in its first {@code comparedWhenOneSided} figures.
   */
  private static List<String> differing(Map<String, List<BigDecimal>> spark, Map<String, List<BigDecimal>> duck,
      int comparedWhenOneSided) {
    List<String> differing = new ArrayList<>();
    for (String key : union(spark, duck)) {
      List<BigDecimal> a = spark.get(key);
      List<BigDecimal> b = duck.get(key);
      int compared = a == null || b == null ? comparedWhenOneSided : a.size();
      List<BigDecimal> zero = Arrays.asList(zeros(compared));
      if (!equal(a == null ? zero : a.subList(0, compared), b == null ? zero : b.subList(0, compared))) {
        differing.add(key + " " + a + " vs " + b);
      }
    }
    return differing;
  }

  private static boolean equal(List<BigDecimal> a, List<BigDecimal> b) {
    for (int i = 0; i < a.size(); i++) {
      BigDecimal x = a.get(i);
      BigDecimal y = b.get(i);
      if (x == null || y == null ? !Objects.equals(x, y) : x.compareTo(y) != 0) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static List<BigDecimal> sum(List<BigDecimal> a, List<BigDecimal> b) {
    List<BigDecimal> sum = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      sum.add(a.get(i).add(b.get(i)));
    }
    return sum;
  }

  private static List<BigDecimal> decimals(Row row, int from, int count) {
    List<BigDecimal> values = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      values.add(row.getDecimal(i));
    }
    return values;
  }

  private static BigDecimal[] zeros(int count) {
    BigDecimal[] zeros = new BigDecimal[count];
    Arrays.fill(zeros, BigDecimal.ZERO);
    return zeros;
  }

  private static String dayKey(String provider, String reservationId, long epochDay) {
    return provider + "|" + reservationId + "|" + epochDay;
  }

  private static long epochDay(Row row, int column) {
    return row.getDate(column).toLocalDate().toEpochDay();
  }

  private static BigDecimal tenBillionths(Long value) {
    return value == null ? null : BigDecimal.valueOf(value, ExactUnits.SCALE);
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private MartCrossCheck() {}
}
