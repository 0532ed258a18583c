package dev.caplens.reports;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a report table as UTF-8 CSV with a header row, the way finance's spreadsheets read it:
 * plain decimals (no exponent, no thousands separator), empty cell for unknown, and text that a
 * spreadsheet would run as a formula neutralised. The file appears whole or not at all.
 */
public final class CsvReportWriter {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private CsvReportWriter() {}

  public static void write(Path file, ReportTable table) throws IOException {
    Path staged = ReportFiles.staged(file);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8);
         CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
      csv.printRecord(table.columns());
      for (List<Object> row : table.rows()) {
        List<String> cells = new ArrayList<>(row.size());
        for (Object value : row) {
          cells.add(cell(value));
        }
        csv.printRecord(cells);
      }
    }
    ReportFiles.publish(staged, file);
  }

  /** One cell as text: numbers untouched, text made safe for spreadsheets. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return plain(d);
    }
    if (value instanceof Double || value instanceof Float) {
      return plain(new BigDecimal(value.toString()));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Instant instant) {
      return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    return neutralise(value.toString());
  }

  static String plain(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    return value.stripTrailingZeros().toPlainString();
  }

  /**
   * A cell starting with = + - @ tab or carriage return is a formula to a spreadsheet; a leading
   * apostrophe makes it text (OWASP's advice for CSV injection). Tag values reach reports, and
   * anyone who can tag a reservation can write them.
   */
  static String neutralise(String text) {
    if (text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      return "'" + text;
    }
    return text;
  }
}
