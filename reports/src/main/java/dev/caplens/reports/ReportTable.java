package dev.caplens.reports;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's rows with their column names, in file order. Values are plain Java values
 * (String, BigDecimal, Long, Integer, Boolean, LocalDate, Instant) or null for unknown.
 */
public record ReportTable(List<String> columns, List<List<Object>> rows) {

  public ReportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** Reads cells by column name. */
  public Map<String, Integer> index() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    return index;
  }

  public Object cell(List<Object> row, String column) {
    Integer i = index().get(column);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + column + "' in " + columns);
    }
    return row.get(i);
  }

  /** A numeric cell as BigDecimal; null stays null. */
  public BigDecimal decimal(List<Object> row, String column) {
    Object value = cell(row, column);
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw new IllegalArgumentException("column '" + column + "' is not numeric: " + value);
  }

  public String text(List<Object> row, String column) {
    Object value = cell(row, column);
    return value == null ? null : value.toString();
  }
}
