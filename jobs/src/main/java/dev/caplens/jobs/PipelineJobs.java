package dev.caplens.jobs;

import dev.caplens.reports.CsvReportWriter;
import dev.caplens.reports.ReportFiles;
import dev.caplens.reports.ReportTable;
import dev.caplens.reports.SummaryReport;
import dev.caplens.transform.DayRange;
import dev.caplens.transform.FxRates;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.Marts;
import dev.caplens.transform.ReportQueries;
import dev.caplens.transform.SnapshotInputs;
import dev.caplens.transform.SnapshotCompactor;
import dev.caplens.transform.SnapshotReader;
import dev.caplens.transform.TransformParams;
import dev.caplens.transform.TransformResult;
import dev.caplens.transform.TransformRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transform and report stages, shared by the commands that run them. */
final class PipelineJobs {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineJobs.class);

  private PipelineJobs() {}

  /** @param params from {@link CaplensConfig#transformParams()}, so that fx applies to every run */
  static TransformResult transform(SparkSession spark, String warehouse, LocalDate from, LocalDate to,
                                   String prices, TransformParams params) {
    requireDirectory(spark, warehouse, "snapshots", "run 'caplens ingest' into it first");
    long started = System.nanoTime();
    TransformResult result;
    try {
      result = TransformRunner.run(spark, warehouse, from, to, prices, params);
    } catch (FxRates.MissingRateException e) {
      throw new UsageException(e.getMessage(), e);
    }
    LOG.info("transform {} to {}: {} in {} ms", from, to, result, (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /** Writes every report file of the period into {@code outDir}; every source was read. */
  static SummaryReport.Input report(SparkSession spark, String warehouse, LocalDate from, LocalDate to, Path outDir)
      throws IOException {
    return report(spark, warehouse, from, to, outDir, List.of());
  }

  /**
   * Writes every report file of DESIGN.md "Report files" for the period into {@code outDir}, each
   * atomically, and returns what the summary was made from (for the email). {@code unreadableSources}
   * are listed in the summary as sources that could not be read.
   */
  static SummaryReport.Input report(SparkSession spark, String warehouse, LocalDate from, LocalDate to, Path outDir,
                                    List<String> unreadableSources) throws IOException {
    requireDirectory(spark, warehouse, "marts", "run 'caplens transform' on it first");
    long started = System.nanoTime();
    Files.createDirectories(outDir);
    Marts marts = MartReader.readAll(spark, warehouse, from, to);
    Dataset<Row> reservationDaily = marts.reservationDailyDF().cache();
    Dataset<Row> accountUsageDaily = marts.accountUsageDailyDF().cache();
    try {
      ReportTable reservations = ReportTables.collect(ReportQueries.reservations(reservationDaily));
      ReportTable accounts = ReportTables.collect(ReportQueries.accounts(reservationDaily, accountUsageDaily));
      ReportTable daily = ReportTables.collect(ReportQueries.daily(reservationDaily, accountUsageDaily));
      ReportTable capacityTasks = ReportTables.collect(ReportQueries.capacityTasks(marts.capacityTasksDF()));
      ReportTable focus = ReportTables.collect(ReportQueries.focus(reservationDaily));
      ReportTable quality = ReportTables.collect(ReportQueries.dataQuality(marts.dataQualityDF()));
      ReportTable capacityBlocks = ReportTables.collect(capacityBlocksNear(spark, warehouse, to));
      CsvReportWriter.write(outDir.resolve(ReportFiles.RESERVATIONS), reservations);
      CsvReportWriter.write(outDir.resolve(ReportFiles.ACCOUNTS), accounts);
      CsvReportWriter.write(outDir.resolve(ReportFiles.DAILY), daily);
      CsvReportWriter.write(outDir.resolve(ReportFiles.CAPACITY_TASKS), capacityTasks);
      CsvReportWriter.write(outDir.resolve(ReportFiles.FOCUS), focus);
      CsvReportWriter.write(outDir.resolve(ReportFiles.DATA_QUALITY), quality);
      SummaryReport.Input summary = new SummaryReport.Input(from, to, reservations, accounts, daily, capacityTasks,
          capacityBlocks, quality, unreadableSources);
      SummaryReport.write(outDir.resolve(ReportFiles.SUMMARY), summary);
      LOG.info("report {} to {}: {} reservations, {} account rows, {} FOCUS rows in {} ms", from, to,
          reservations.rows().size(), accounts.rows().size(), focus.rows().size(),
          (System.nanoTime() - started) / 1_000_000);
      return summary;
    } finally {
      reservationDaily.unpersist();
      accountUsageDaily.unpersist();
    }
  }

  /** Capacity blocks as the snapshots of the period's last two days list them. */
  private static Dataset<Row> capacityBlocksNear(SparkSession spark, String warehouse, LocalDate to) {
    SnapshotInputs snapshots = SnapshotReader.read(spark, warehouse, DayRange.of(to.minusDays(1), to));
    return ReportQueries.capacityBlocksNear(snapshots.reservationsDF(), snapshots.scopesDF(), to,
        SummaryReport.CAPACITY_BLOCK_NOTICE_DAYS);
  }

  /** A warehouse without the expected directory is almost always a mistyped path: say so instead of reporting nothing. */
  private static void requireDirectory(SparkSession spark, String warehouse, String child, String hint) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(
          warehouse.contains("://") ? warehouse : Path.of(warehouse).toAbsolutePath().toUri().toString(), child);
      if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
        throw new UsageException("warehouse " + warehouse + " has no " + child + "/: " + hint);
      }
    } catch (IOException e) {
      throw new UsageException("warehouse " + warehouse + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Compacts the snapshot days {@code from} to {@code to} ({@link SnapshotCompactor}); every
   * partition compacted is told to {@code progress} and logged.
   */
  static SnapshotCompactor.Result compact(SparkSession spark, String warehouse, LocalDate from, LocalDate to,
                                          Consumer<String> progress) {
    requireDirectory(spark, warehouse, "snapshots", "run 'caplens ingest' into it first");
    long started = System.nanoTime();
    SnapshotCompactor.Result result = SnapshotCompactor.compact(warehouse, spark.sparkContext().hadoopConfiguration(),
        DayRange.of(from, to), Runtime.getRuntime().availableProcessors(), line -> {
          LOG.info(line);
          progress.accept(line);
        });
    LOG.info("compact {} to {}: {} in {} ms", from, to, result, (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  static SummaryReport.Input transformAndReport(String warehouse, LocalDate from, LocalDate to, String prices,
                                                int maxCarryHours, Path reportDir) throws IOException {
    SparkSession spark = SparkSessions.getOrCreate("caplens");
    transform(spark, warehouse, from, to, prices, TransformParams.withMaxCarryHours(maxCarryHours));
    return report(spark, warehouse, from, to, reportDir);
  }
}
