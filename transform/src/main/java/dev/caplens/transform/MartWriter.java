package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Replaces the days of a period in every mart at once, so that a transform killed at any point
 * leaves the marts exactly as they were before it or exactly as it computed them.
 *
 * <p>Spark's dynamic partition overwrite is not enough: it deletes a day and then renames the new
 * one in, table by table, so a kill leaves a day missing or the tables out of step. Instead each
 * mart is written to {@code marts/_staging/<version>/}, its days are moved to
 * {@code marts/<table>/date=<d>/version=<version>/} (invisible: nothing points there yet), and
 * {@link MartVersions} is replaced in one rename. Older versions of those days are deleted
 * afterwards; what a killed run leaves behind is deleted by the next run of the same days. One
 * transform writes a warehouse at a time.
 */
public final class MartWriter {

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Writes the rows of each mart for the days of {@code period} and returns each mart's row count
   * per day that has rows. The marts are read twice (rows per day, then the write), so pass cached
   * ones, as {@link MartBuilder}'s are.
   */
  public static Map<MartTable, Map<LocalDate, Long>> write(SparkSession spark, String warehouse, Marts marts,
      DayRange period) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    String version = VERSION_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path staging = paths.martStaging(version);
    Map<MartTable, Map<LocalDate, Long>> rows = new EnumMap<>(MartTable.class);
    for (MartTable table : MartTable.values()) {
      rows.put(table, stage(marts.get(table), table, period, new Path(staging, table.tableName())));
    }
    for (MartTable table : MartTable.values()) {
      for (LocalDate day : rows.get(table).keySet()) {
        paths.move(new Path(staging, table.tableName() + "/" + MartTable.PARTITION_COLUMN + "=" + day),
            paths.martVersion(table, day, version));
      }
    }
    MartVersions.read(paths).with(period, version).commit(paths, version);
    removeOtherVersions(paths, period, version);
    paths.delete(staging);
    return rows;
  }

  private static Map<LocalDate, Long> stage(Dataset<Row> martDF, MartTable table, DayRange period, Path target) {
    Preconditions.requireColumns(martDF, table.schema(), table.tableName());
    Dataset<Row> inPeriodDF = martDF.select(Cols.of(table.schema()))
        .filter(col(MartTable.PARTITION_COLUMN).between(Date.valueOf(period.from()), Date.valueOf(period.to())));
    Map<LocalDate, Long> rowsPerDay = rowsPerDay(inPeriodDF);
    inPeriodDF
        .repartition(col(MartTable.PARTITION_COLUMN))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .partitionBy(MartTable.PARTITION_COLUMN)
        .parquet(target.toString());
    return rowsPerDay;
  }

  /** Earlier versions of the period's days, and versions a killed run moved in but never committed. */
  private static void removeOtherVersions(WarehousePaths paths, DayRange period, String version) {
    for (MartTable table : MartTable.values()) {
      for (LocalDate day : period.days()) {
        paths.otherVersions(table, day, version).forEach(paths::delete);
        paths.deleteIfEmpty(paths.martPartition(table, day));
      }
    }
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
