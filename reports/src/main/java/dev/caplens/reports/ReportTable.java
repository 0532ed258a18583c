package dev.caplens.reports;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's rows with their column names, in file order. Values are plain Java values
 * (String, BigDecimal, Long, Integer, Boolean, LocalDate, Instant) or null for unknown.
 */
public final class ReportTable {

  private final List<String> columns;
  private final List<List<Object>> rows;
  private final Map<String, Integer> positions = new HashMap<>();

  public ReportTable(List<String> columns, List<List<Object>> rows) {
    this.columns = List.copyOf(columns);
    // Cells may be null (unknown), which List.copyOf refuses.
    this.rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row))).toList();
    for (List<Object> row : this.rows) {
      if (row.size() != this.columns.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells for " + this.columns.size() + " columns");
      }
    }
    for (int i = 0; i < this.columns.size(); i++) {
      positions.put(this.columns.get(i), i);
    }
  }

  public List<String> columns() {
    return columns;
  }

  public List<List<Object>> rows() {
    return rows;
  }

  public Object cell(List<Object> row, String column) {
    Integer i = positions.get(column);
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
