package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a mart a day partition at a time. Days that have rows are replaced by Spark's dynamic
 * partition overwrite; days of the period that have none are deleted afterwards, so a re-run never
 * leaves a stale day behind and never removes a day before its new rows are in place.
 */
public final class MartWriter {

  /**
   * Writes the rows of {@code martDF} for the days of {@code period} and returns the row count of
   * each day that has rows. {@code martDF} is read twice (rows per day, then the write), so pass a
   * cached one, as {@link MartBuilder}'s are.
   */
  public static Map<LocalDate, Long> write(SparkSession spark, String warehouse, MartTable table,
      Dataset<Row> martDF, DayRange period) {
    Preconditions.requireColumns(martDF, table.schema(), table.tableName());
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> inPeriodDF = martDF.select(Cols.of(table.schema()))
        .filter(col(MartTable.PARTITION_COLUMN).between(Date.valueOf(period.from()), Date.valueOf(period.to())));
    Map<LocalDate, Long> rowsPerDay = rowsPerDay(inPeriodDF);
    inPeriodDF
        .repartition(col(MartTable.PARTITION_COLUMN))
        .write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(MartTable.PARTITION_COLUMN)
        .parquet(paths.mart(table).toString());
    for (LocalDate day : period.days()) {
      if (!rowsPerDay.containsKey(day)) {
        paths.delete(paths.martPartition(table, day));
      }
    }
    return rowsPerDay;
  }

  private static Map<LocalDate, Long> rowsPerDay(Dataset<Row> martDF) {
    Map<LocalDate, Long> rows = new TreeMap<>();
    for (Row row : martDF.groupBy(MartTable.PARTITION_COLUMN).count().collectAsList()) {
      rows.put(row.getDate(0).toLocalDate(), row.getLong(1));
    }
    return rows;
  }

  private MartWriter() {}
}
