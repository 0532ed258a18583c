package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code caplens transform}: reads the snapshots that can reach the days {@code from..to} (those
 * days and {@link TransformParams#lookbackDays()} before), computes the marts and replaces exactly
 * those days in the warehouse. Re-running a day gives the same rows.
 */
public final class TransformRunner {

  public static TransformResult run(SparkSession spark, String warehouse, LocalDate from, LocalDate to,
      String pricesCsvPathOrNull, TransformParams params) {
    DayRange period = DayRange.of(from, to);
    if (params == null) {
      throw new IllegalArgumentException("transform params are null; use TransformParams.defaults()");
    }
    PriceList prices = params.pricesForMarts(pricesCsvPathOrNull == null
        ? PriceList.empty()
        : PriceFile.load(pricesCsvPathOrNull, spark.sparkContext().hadoopConfiguration()));
    try (SnapshotReader.KeptInputs snapshots =
             SnapshotReader.readForMarts(spark, warehouse, period.extendedBack(params.lookbackDays()));
         Marts marts = MartBuilder.build(snapshots.inputs(), prices.toDataFrame(spark), period, params)) {
      Map<MartTable, Long> rows = new LinkedHashMap<>();
      MartWriter.write(spark, warehouse, marts, period).forEach((table, rowsPerDay) ->
          rows.put(table, rowsPerDay.values().stream().mapToLong(Long::longValue).sum()));
      Map<String, Long> findingsByCheck = rowsPerCheck(marts.dataQualityDF());
      return new TransformResult(period.days(), rows.get(MartTable.RESERVATION_DAILY),
          rows.get(MartTable.ACCOUNT_USAGE_DAILY), rows.get(MartTable.DATA_QUALITY), findingsByCheck);
    }
  }

  private static Map<String, Long> rowsPerCheck(Dataset<Row> dataQualityDF) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : dataQualityDF.groupBy(col("check")).count().collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  private TransformRunner() {}
}
