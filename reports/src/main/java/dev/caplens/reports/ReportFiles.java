package dev.caplens.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The file names of DESIGN.md "Report files", and the one way a report file is put in place. */
public final class ReportFiles {

  public static final String RESERVATIONS = "reservations.csv";
  public static final String ACCOUNTS = "accounts.csv";
  public static final String DAILY = "daily.csv";
  public static final String CAPACITY_TASKS = "capacity_tasks.csv";
  public static final String FOCUS = "focus.csv";
  public static final String DATA_QUALITY = "data_quality.csv";
  public static final String SUMMARY = "summary.html";
  /** The summary email as a message file, written by {@code --email --dry-run}. */
  public static final String SUMMARY_EML = "summary.eml";

  /** The CSV files in the order they are listed and attached. */
  public static final List<String> CSV_FILES = List.of(RESERVATIONS, ACCOUNTS, DAILY, CAPACITY_TASKS, FOCUS,
      DATA_QUALITY);

  private ReportFiles() {}

  /** The staging file beside {@code file}: hidden, so a reader listing the directory never picks it up. */
  static Path staged(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".tmp");
  }

  /** Moves a fully written staging file over {@code file} in one step: readers see the old file or the new one. */
  static void publish(Path staged, Path file) throws IOException {
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes {@code bytes} to {@code file} atomically (temp file, then move). */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path staged = staged(file);
    Files.write(staged, bytes);
    publish(staged, file);
  }

  static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
