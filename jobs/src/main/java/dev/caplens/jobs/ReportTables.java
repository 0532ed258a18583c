package dev.caplens.jobs;

import dev.caplens.reports.ReportTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Collects a report-sized Dataset into a {@link ReportTable}, in its column order. */
final class ReportTables {

  private ReportTables() {}

  static ReportTable collect(Dataset<Row> report) {
    List<String> columns = Arrays.asList(report.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : report.collectAsList()) {
      List<Object> cells = new ArrayList<>(row.length());
      for (int i = 0; i < row.length(); i++) {
        cells.add(plain(row.get(i)));
      }
      rows.add(cells);
    }
    return new ReportTable(columns, rows);
  }

  /** Spark's SQL date and timestamp values as java.time; everything else as it comes. */
  private static Object plain(Object value) {
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    return value;
  }
}
