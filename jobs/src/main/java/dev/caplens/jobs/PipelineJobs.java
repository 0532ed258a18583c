package dev.caplens.jobs;

import dev.caplens.reports.CsvReportWriter;
import dev.caplens.reports.ReportTable;
import dev.caplens.reports.SummaryReport;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.Marts;
import dev.caplens.transform.ReportQueries;
import dev.caplens.transform.TransformParams;
import dev.caplens.transform.TransformResult;
import dev.caplens.transform.TransformRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transform and report stages, shared by the commands that run them. */
final class PipelineJobs {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineJobs.class);

  private PipelineJobs() {}

  static TransformResult transform(SparkSession spark, String warehouse, LocalDate from, LocalDate to,
                                   String prices, int maxCarryHours) {
    requireDirectory(spark, warehouse, "snapshots", "run 'caplens ingest' into it first");
    long started = System.nanoTime();
    var result = TransformRunner.run(spark, warehouse, from, to, prices, TransformParams.withMaxCarryHours(maxCarryHours));
    LOG.info("transform {} to {}: {} in {} ms", from, to, result, (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  static void report(SparkSession spark, String warehouse, LocalDate from, LocalDate to, Path outDir)
      throws IOException {
    requireDirectory(spark, warehouse, "marts", "run 'caplens transform' on it first");
    long started = System.nanoTime();
    Files.createDirectories(outDir);
    Marts marts = MartReader.readAll(spark, warehouse, from, to);
    Dataset<Row> reservationDaily = marts.reservationDailyDF().cache();
    Dataset<Row> accountUsageDaily = marts.accountUsageDailyDF().cache();
    Dataset<Row> dataQuality = marts.dataQualityDF();

    ReportTable reservations = ReportTables.collect(ReportQueries.reservations(reservationDaily));
    ReportTable accounts = ReportTables.collect(ReportQueries.accounts(reservationDaily, accountUsageDaily));
    ReportTable quality = ReportTables.collect(ReportQueries.dataQuality(dataQuality));
    CsvReportWriter.write(outDir.resolve("reservations.csv"), reservations);
    CsvReportWriter.write(outDir.resolve("accounts.csv"), accounts);
    SummaryReport.write(outDir.resolve("summary.html"),
        new SummaryReport.Input(from, to, reservations, accounts, quality.rows().size()));
    reservationDaily.unpersist();
    accountUsageDaily.unpersist();
    LOG.info("report {} to {}: {} reservations, {} account rows in {} ms", from, to, reservations.rows().size(),
        accounts.rows().size(), (System.nanoTime() - started) / 1_000_000);
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

  static void transformAndReport(String warehouse, LocalDate from, LocalDate to, String prices, int maxCarryHours,
                                 Path reportDir) throws IOException {
    SparkSession spark = SparkSessions.getOrCreate("caplens");
    transform(spark, warehouse, from, to, prices, maxCarryHours);
    report(spark, warehouse, from, to, reportDir);
  }
}
