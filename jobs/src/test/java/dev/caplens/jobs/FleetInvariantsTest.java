package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.fleet.Fleet;
import dev.caplens.sample.fleet.FleetKind;
import dev.caplens.sample.fleet.FleetSpec;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.MartTable;
import dev.caplens.transform.ReportQueries;
import dev.caplens.transform.TransformParams;
import dev.caplens.transform.TransformRunner;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants of the marts over a generated fleet with every reservation kind, sharing, lending,
 * cancellations, expiries, capacity blocks starting mid-day, Outpost assets retiring and pools
 * released: they must hold whatever the numbers are, so they catch what hand-made fixtures miss.
 */
class FleetInvariantsTest {

  private static final LocalDate FIRST = LocalDate.parse("2026-11-20");
  private static final LocalDate LAST = LocalDate.parse("2026-11-21");
  private static final FleetSpec SPEC = FleetSpec.hourly(7, 60, 3, 2, FIRST, 2);

  @TempDir
  static Path dir;

  static SparkSession spark;
  static String warehouse;
  static String prices;
  static List<Row> reservationDaily;
  static List<Row> accountUsageDaily;
  static List<String> rangeAtOnce;

  @BeforeAll
  static void transformTheWholeRange() {
    Fleet fleet = Fleet.generate(SPEC);
    warehouse = dir.resolve("warehouse").toString();
    prices = FleetSnapshots.writePrices(fleet, dir.resolve("prices.csv")).toString();
    FleetSnapshots.write(fleet, Warehouse.open(warehouse));
    spark = SparkSessions.getOrCreate("caplens-fleet-invariants");
    transform(FIRST, LAST);
    reservationDaily = read(MartTable.RESERVATION_DAILY);
    accountUsageDaily = read(MartTable.ACCOUNT_USAGE_DAILY);
    rangeAtOnce = everyMartRow();
  }

  @Test
  void theFleetReachesTheMartsWithEveryKind() {
    Set<String> kinds = reservationDaily.stream().map(r -> r.<String>getAs("reservation_kind")).collect(Collectors.toSet());
    assertThat(kinds).containsExactlyInAnyOrder(
        Set.of(FleetKind.values()).stream().map(FleetKind::reservationKind).distinct().toArray(String[]::new));
    assertThat(reservationDaily.stream().map(r -> r.<String>getAs("reservation_id")).distinct().count())
        .isGreaterThan(50);
  }

  @Test
  void reservedIsUsedPlusIdleInHoursAndCostOnEveryRow() {
    for (Row row : reservationDaily) {
      String what = row.getAs("reservation_id") + " on " + row.getAs("date");
      assertThat(decimal(row, "used_instance_hours").add(decimal(row, "idle_instance_hours"))).as(what)
          .isEqualByComparingTo(decimal(row, "reserved_instance_hours"));
      assertThat(decimal(row, "used_instance_hours")).as(what).isBetween(BigDecimal.ZERO, decimal(row, "reserved_instance_hours"));
      if (row.getAs("reserved_cost") != null) {
        assertThat(decimal(row, "used_cost").add(decimal(row, "idle_cost"))).as(what)
            .isEqualByComparingTo(decimal(row, "reserved_cost"));
      }
    }
  }

  @Test
  void accountRowsAddUpToTheirReservations() {
    Map<String, BigDecimal[]> byReservationDay = new HashMap<>();
    for (Row row : accountUsageDaily) {
      BigDecimal[] sums = byReservationDay.computeIfAbsent(key(row), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sums[0] = sums[0].add(decimal(row, "used_instance_hours"));
      sums[1] = sums[1].add(orZero(row.getAs("chargeback_cost")));
    }
    for (Row row : reservationDaily) {
      BigDecimal[] sums = byReservationDay.getOrDefault(key(row), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      assertThat(sums[0]).as("used hours of " + key(row)).isEqualByComparingTo(decimal(row, "used_instance_hours"));
      assertThat(sums[1]).as("chargeback of " + key(row)).isEqualByComparingTo(orZero(row.getAs("used_cost")));
    }
  }

  @Test
  void accountTotalsEqualReservationTotals() {
    List<Row> accounts = ReportQueries.accounts(
        MartReader.read(spark, warehouse, MartTable.RESERVATION_DAILY, FIRST, LAST),
        MartReader.read(spark, warehouse, MartTable.ACCOUNT_USAGE_DAILY, FIRST, LAST)).collectAsList();
    Map<String, BigDecimal> reservedCost = new HashMap<>();
    BigDecimal reservedHours = BigDecimal.ZERO;
    for (Row row : reservationDaily) {
      reservedHours = reservedHours.add(decimal(row, "reserved_instance_hours"));
      if (row.getAs("currency") != null) {
        reservedCost.merge(row.getAs("currency"), decimal(row, "reserved_cost"), BigDecimal::add);
      }
    }
    BigDecimal ownedHours = BigDecimal.ZERO;
    Map<String, BigDecimal> paid = new HashMap<>();
    for (Row row : accounts) {
      ownedHours = ownedHours.add(decimal(row, "owned_reserved_instance_hours"));
      if (row.getAs("currency") != null) {
        paid.merge(row.getAs("currency"), orZero(row.getAs("chargeback_cost")).add(orZero(row.getAs("idle_cost"))),
            BigDecimal::add);
      }
    }
    assertThat(ownedHours).isEqualByComparingTo(reservedHours);
    assertThat(paid.keySet()).isEqualTo(reservedCost.keySet());
    reservedCost.forEach((currency, cost) -> assertThat(paid.get(currency)).as(currency).isEqualByComparingTo(cost));
  }

  @Test
  void reRunningADayChangesNothingAndDayByDayEqualsTheRangeAtOnce() {
    // The range run computed both days; re-running the second alone must leave every mart as it was.
    transform(LAST, LAST);
    assertThat(everyMartRow()).isEqualTo(rangeAtOnce);
    // Now the first day alone too: every day has been computed on its own.
    transform(FIRST, FIRST);
    assertThat(everyMartRow()).isEqualTo(rangeAtOnce);
  }

  private static void transform(LocalDate from, LocalDate to) {
    TransformRunner.run(spark, warehouse, from, to, prices, TransformParams.defaults());
  }

  private static List<Row> read(MartTable table) {
    return MartReader.read(spark, warehouse, table, FIRST, LAST).collectAsList();
  }

  /** Every row of every mart, as text, sorted: equal lists mean identical marts. */
  private static List<String> everyMartRow() {
    return Set.of(MartTable.values()).stream()
        .flatMap(table -> read(table).stream().map(row -> table + " " + row))
        .sorted()
        .toList();
  }

  private static String key(Row row) {
    return row.getAs("provider") + "/" + row.getAs("reservation_id") + "/" + row.getAs("date");
  }

  private static BigDecimal decimal(Row row, String column) {
    return row.getAs(column);
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
