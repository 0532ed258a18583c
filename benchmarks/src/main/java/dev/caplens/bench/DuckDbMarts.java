package dev.caplens.bench;

import dev.caplens.transform.DayRange;
import dev.caplens.transform.SnapshotFiles;
import dev.caplens.transform.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * The peer engine of B1: DuckDB running caplens_marts.sql (the rules of the Spark transform, for
 * the figures of reservation_daily and account_usage_daily) on the warehouse's snapshot files of a
 * period and its look-back and the prices file, writing one Parquet file per mart.
 */
final class DuckDbMarts implements AutoCloseable {

  /**
   * One reservation-day: instance-microseconds, and costs in ten-billionths (null when unpriced).
   */
  record ReservationDay(String provider, String reservationId, long epochDay, String ownerAccountId,
      String billingOwnerAccountId, boolean lendable, long reservedIus, long usedIus, long lentIus,
      long borrowedIus, Long reservedCostE10, Long usedCostE10, Long idleCostE10, Long lendingSavingsE10) {}

  /** One consuming account's use of a reservation on a day, and its chargeback in ten-billionths. */
  record AccountDay(String provider, String reservationId, long epochDay, String accountId, long accountIus,
      Long chargebackE10) {}

  /** The two marts' files. */
  record Output(Path reservationDaily, Path accountUsageDaily) {}

  private static final List<String> TABLES =
      List.of("scopes", "reservations", "reservation_usage", "outpost_capacity", "outpost_instances");

  private final Connection connection;

  DuckDbMarts() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET memory_limit = '" + memoryLimitMb() + "MB'");
    }
  }

  /**
   * DuckDB takes 80 % of the machine's memory unless told; beside this JVM (Spark's heap, as
   * large as the largest sizes need, and about 2 GB outside it, seen at 52M rows) that is more
   * than the machine has. Four fifths of what the JVM leaves, so the process as a whole fits;
   * past it DuckDB spills to its temporary directory.
   */
  static long memoryLimitMb() {
    long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    long left = machine - Runtime.getRuntime().maxMemory() - JVM_OUTSIDE_HEAP_BYTES;
    return Math.max(1024, left * 4 / 5 / (1024 * 1024));
  }

  private static final long JVM_OUTSIDE_HEAP_BYTES = 2L << 30;

  /** Computes the period's marts into {@code output}'s files (Parquet). */
  void run(Path warehouse, Path prices, LocalDate from, LocalDate to, int lookbackDays, long maxCarryMicros,
      Output output) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        List<String> files = partitions(warehouse, table, from.minusDays(lookbackDays), to);
        if (files.isEmpty()) {
          throw new IllegalStateException("warehouse " + warehouse + " has no " + table + " snapshots from "
              + from.minusDays(lookbackDays) + " to " + to);
        }
        statement.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_parquet(["
            + files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + "], hive_partitioning = true)");
      }
      String script = sql()
          .replace("${FIRST_DAY}", Long.toString(from.toEpochDay()))
          .replace("${LAST_DAY}", Long.toString(to.toEpochDay()))
          .replace("${MAX_CARRY_US}", Long.toString(maxCarryMicros))
          .replace("${PRICES}", prices.toString())
          .replace("${RESERVATION_DAILY}", output.reservationDaily().toString())
          .replace("${ACCOUNT_USAGE_DAILY}", output.accountUsageDaily().toString());
      for (String sql : script.split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  /** Reads back the reservation-days {@link #run} wrote. */
  List<ReservationDay> reservationDays(Output output) throws SQLException {
    List<ReservationDay> days = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT provider, reservation_id, day, owner_account_id, "
             + "billing_owner_account_id, lendable, reserved_ius::BIGINT, used_ius::BIGINT, lent_ius::BIGINT, "
             + "borrowed_ius::BIGINT, reserved_cost_e10, used_cost_e10, idle_cost_e10, lending_savings_e10 "
             + "FROM read_parquet('" + output.reservationDaily() + "')")) {
      while (rows.next()) {
        days.add(new ReservationDay(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4),
            rows.getString(5), rows.getBoolean(6), rows.getLong(7), rows.getLong(8), rows.getLong(9),
            rows.getLong(10), nullableLong(rows, 11), nullableLong(rows, 12), nullableLong(rows, 13),
            nullableLong(rows, 14)));
      }
    }
    return days;
  }

  /** Reads back the account-days {@link #run} wrote. */
  List<AccountDay> accountDays(Output output) throws SQLException {
    List<AccountDay> days = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT provider, reservation_id, day, account_id, "
             + "account_ius::BIGINT, chargeback_e10 FROM read_parquet('" + output.accountUsageDaily() + "')")) {
      while (rows.next()) {
        days.add(new AccountDay(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4),
            rows.getLong(5), nullableLong(rows, 6)));
      }
    }
    return days;
  }

  private static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /**
   * The files caplens's reader reads for the days (never the whole history): each partition's
   * published files, or its compacted file and what was published beside it.
   */
  private static List<String> partitions(Path warehouse, String table, LocalDate from, LocalDate to) {
    SnapshotFiles files = SnapshotReader.files(new Configuration(), warehouse.toString(), table, DayRange.of(from, to));
    if (!files.superseded().isEmpty()) {
      throw new IllegalStateException("the benchmark SQL reads no re-ingested snapshots of compacted days, but "
          + table + " has " + files.superseded().size());
    }
    List<String> read = new ArrayList<>();
    for (org.apache.hadoop.fs.Path published : files.published()) {
      String local = published.toUri().getPath();
      read.add(Files.isDirectory(Path.of(local)) ? local + "/part-*.parquet" : local);
    }
    files.compacted().forEach(compacted -> read.add(compacted.toUri().getPath()));
    return read;
  }

  private static String sql() {
    try (InputStream in = DuckDbMarts.class.getResourceAsStream("caplens_marts.sql")) {
      if (in == null) {
        throw new IllegalStateException("caplens_marts.sql is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
