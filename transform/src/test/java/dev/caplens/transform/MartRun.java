package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The marts of a fixture, computed by {@link MartBuilder} and collected for assertions. */
final class MartRun {

  static final String M5_LARGE_PRICE = "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD";

  final List<Row> reservationDaily;
  final List<Row> accountUsageDaily;
  final List<Row> dataQuality;
  final List<Row> capacityTasks;
  final List<Row> reservationIntervals;

  private MartRun(Marts marts) {
    this.reservationDaily = marts.reservationDailyDF().collectAsList();
    this.accountUsageDaily = marts.accountUsageDailyDF().collectAsList();
    this.dataQuality = marts.dataQualityDF().collectAsList();
    this.capacityTasks = marts.capacityTasksDF().collectAsList();
    this.reservationIntervals = marts.reservationIntervalsDF().collectAsList();
  }

  /** The collected marts as Spark tables again, for report queries, without the builder's caches. */
  Marts collected() {
    var spark = TestSpark.spark();
    return Marts.of(spark.createDataFrame(reservationDaily, MartSchemas.RESERVATION_DAILY),
        spark.createDataFrame(accountUsageDaily, MartSchemas.ACCOUNT_USAGE_DAILY),
        spark.createDataFrame(dataQuality, MartSchemas.DATA_QUALITY),
        spark.createDataFrame(capacityTasks, MartSchemas.CAPACITY_TASKS),
        spark.createDataFrame(reservationIntervals, MartSchemas.RESERVATION_INTERVALS));
  }

  static MartRun of(SnapshotFixture fixture, String from, String to, String... priceLines) {
    return of(fixture, from, to, TransformParams.defaults(), priceLines);
  }

  static MartRun of(SnapshotFixture fixture, String from, String to, TransformParams params, String... priceLines) {
    try (Marts marts = build(fixture, from, to, params, priceLines)) {
      return new MartRun(marts);
    }
  }

  /** The fixture's marts as {@link MartBuilder} leaves them, its shared results still kept: close them. */
  static Marts build(SnapshotFixture fixture, String from, String to, TransformParams params, String... priceLines) {
    DayRange period = DayRange.of(LocalDate.parse(from), LocalDate.parse(to));
    return MartBuilder.build(fixture.inputs(),
        params.pricesForMarts(priceList(priceLines)).toDataFrame(TestSpark.spark()), period, params);
  }

  static Dataset<Row> prices(String... lines) {
    return priceList(lines).toDataFrame(TestSpark.spark());
  }

  static PriceList priceList(String... lines) {
    String csv = String.join(",", PriceFile.COLUMNS) + "\n" + String.join("\n", lines);
    try {
      return PriceFile.parse(new StringReader(csv), "test prices");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Row reservation(String reservationId, String date) {
    List<Row> rows = reservationDaily.stream()
        .filter(r -> r.getAs("reservation_id").equals(reservationId) && r.getAs("date").toString().equals(date))
        .toList();
    assertThat(rows).as("reservation_daily rows of %s on %s", reservationId, date).hasSize(1);
    return rows.get(0);
  }

  List<Row> reservationRows(String reservationId) {
    return reservationDaily.stream().filter(r -> r.getAs("reservation_id").equals(reservationId)).toList();
  }

  /** The intervals of a reservation on a day, in time order. */
  List<Row> intervals(String reservationId, String date) {
    return reservationIntervals.stream()
        .filter(r -> r.getAs("reservation_id").equals(reservationId) && r.getAs("date").toString().equals(date))
        .sorted(java.util.Comparator.comparing(r -> r.<java.sql.Timestamp>getAs("interval_start")))
        .toList();
  }

  Row accountUsage(String reservationId, String accountId, String date) {
    List<Row> rows = accountUsageDaily.stream()
        .filter(r -> r.getAs("reservation_id").equals(reservationId) && r.getAs("account_id").equals(accountId)
            && r.getAs("date").toString().equals(date))
        .toList();
    assertThat(rows).as("account_usage_daily rows of %s / %s on %s", reservationId, accountId, date).hasSize(1);
    return rows.get(0);
  }

  List<Row> accountUsageOf(String reservationId) {
    return accountUsageDaily.stream().filter(r -> r.getAs("reservation_id").equals(reservationId)).toList();
  }

  List<Row> findings(String check) {
    return dataQuality.stream().filter(r -> r.getAs("check").equals(check)).toList();
  }

  /** "name type" per column, ignoring nullability (Spark makes every column read from files nullable). */
  static List<String> columnTypes(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  static BigDecimal dec(Row row, String column) {
    return row.getAs(column);
  }
}
