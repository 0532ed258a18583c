package dev.caplens.jobs;

import dev.caplens.reports.CsvReportWriter;
import dev.caplens.reports.ReportTable;
import dev.caplens.reports.SummaryReport;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.Marts;
import dev.caplens.transform.ReportQueries;
import dev.caplens.transform.TransformParams;
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

  static void transform(SparkSession spark, String warehouse, LocalDate from, LocalDate to, String prices,
                        int maxCarryHours) {
    long started = System.nanoTime();
    var result = TransformRunner.run(spark, warehouse, from, to, prices, TransformParams.withMaxCarryHours(maxCarryHours));
    LOG.info("transform {} to {}: {} in {} ms", from, to, result, (System.nanoTime() - started) / 1_000_000);
  }

  static void report(SparkSession spark, String warehouse, LocalDate from, LocalDate to, Path outDir)
      throws IOException {
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

  static void transformAndReport(String warehouse, LocalDate from, LocalDate to, String prices, int maxCarryHours,
                                 Path reportDir) throws IOException {
    SparkSession spark = SparkSessions.getOrCreate("caplens");
    transform(spark, warehouse, from, to, prices, maxCarryHours);
    report(spark, warehouse, from, to, reportDir);
  }
}
