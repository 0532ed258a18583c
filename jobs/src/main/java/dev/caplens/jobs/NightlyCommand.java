package dev.caplens.jobs;

import dev.caplens.reports.SummaryMail;
import dev.caplens.transform.SnapshotCompactor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code caplens nightly}: ingest every configured source, recompute yesterday (UTC) and the
 * {@code transform.late-days} days before it, and rewrite their daily reports and the
 * month-to-date report. Exit 3 when any source could not be read; the reports are still written
 * from everything that was.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Ingest every configured source, transform and report yesterday (UTC) and month-to-date.")
final class NightlyCommand implements Callable<Integer> {

  /** What one nightly run did. */
  record Nightly(LocalDate day, ScheduledRuns.Ingested ingested, ScheduledRuns.Recomputed recomputed,
                 SnapshotCompactor.Result compacted) {
    /** Every account/region/source that could not be read, for the summary and its email. */
    List<String> failedSources() {
      return ingested.failedSources();
    }

    /** The report of the day itself: the one that is emailed. */
    ReportLayout.Report dayReport() {
      return recomputed.reports().stream().filter(r -> r.from().equals(day) && r.to().equals(day)).findFirst()
          .orElseThrow(() -> new IllegalStateException("nightly wrote no report for " + day));
    }
  }

  /** How many days up to the reported one nightly compacts. */
  static final int COMPACTED_DAYS = 7;

  @Option(names = "--config", required = true, description = "YAML config file.")
  Path config;

  @Option(names = "--date", description = "The day to report as yesterday, YYYY-MM-DD (default: yesterday in UTC).")
  LocalDate date;

  @Option(names = "--snapshot-time",
      description = "The instant the ingested observation is recorded for, ISO-8601 (default: now).")
  Instant snapshotTime;

  @Override
  public Integer call() throws IOException {
    CaplensConfig cfg = CaplensConfig.load(config);
    ConfigCheck.require(config, ConfigCheck.forNightly(cfg));
    Instant now = Instant.now();
    LocalDate day = date != null ? date : now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    // Mail settings are checked before any work, so a mistake there does not cost a night's run.
    SummaryMail.Settings mail = hasRecipients(cfg) ? MailSettings.forSending(cfg, System.getenv()) : null;
    Nightly nightly = run(cfg, CloudClients.fromEnvironment(), day, snapshotTime != null ? snapshotTime : now);
    announce(nightly);
    if (mail != null && email(nightly, mail) != ExitCodes.OK) {
      return ExitCodes.FAILED;
    }
    return nightly.failedSources().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private static boolean hasRecipients(CaplensConfig cfg) {
    return cfg.email() != null && cfg.email().to() != null && !cfg.email().to().isEmpty();
  }

  /** Emails the day's summary (which names the sources that could not be read) with its CSV files; the exit code. */
  static int email(Nightly nightly, SummaryMail.Settings mail) throws IOException {
    ReportLayout.Report report = nightly.dayReport();
    return ReportCommand.EmailOptions.send(report.dir(), nightly.recomputed().summaries().get(report), mail, "nightly");
  }

  static Nightly run(CaplensConfig cfg, CloudClients clients, LocalDate day, Instant snapshotTime) throws IOException {
    try (Progress progress = Progress.onTerminal()) {
      ScheduledRuns.Ingested ingested = ScheduledRuns.ingestAll(cfg, clients, snapshotTime, progress);
      SparkSession spark = SparkSessions.getOrCreate("caplens nightly");
      SnapshotCompactor.Result compacted = compactClosedDays(spark, cfg, day, snapshotTime, progress);
      ScheduledRuns.Recomputed recomputed = ScheduledRuns.recompute(spark,
          cfg, day.minusDays(cfg.lateDays()), day, ingested.failedSources(), progress);
      return new Nightly(day, ingested, recomputed, compacted);
    }
  }

  /**
   * Compacts the snapshots of the {@link #COMPACTED_DAYS} days up to {@code day} that ended before
   * {@code snapshotTime}; a week, so that nights that failed are caught up. It runs before the
   * transform, which then reads a closed day's one file per table and partition instead of
   * thousands. A compaction that fails changes nothing a reader sees (a partition is either as ingest
   * left it or behind its committed manifest), so it is told on stderr and the days are transformed
   * as they are.
   */
  static SnapshotCompactor.Result compactClosedDays(SparkSession spark, CaplensConfig cfg, LocalDate day,
                                                    Instant snapshotTime, Progress progress) {
    LocalDate lastClosed = snapshotTime.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate to = day.isBefore(lastClosed) ? day : lastClosed;
    LocalDate from = day.minusDays(COMPACTED_DAYS - 1);
    if (to.isBefore(from)) {
      return SnapshotCompactor.Result.NONE;
    }
    try {
      return PipelineJobs.compact(spark, cfg.warehouse(), from, to, progress);
    } catch (RuntimeException e) {
      progress.close();
      System.err.println("caplens: snapshot compaction of " + from + " to " + to + " failed: " + e.getMessage());
      return SnapshotCompactor.Result.NONE;
    }
  }

  /** The one place a finished nightly run is told: the summary line, and what could not be read. */
  private static void announce(Nightly nightly) {
    System.out.println(RunSummary.nightly(nightly));
    for (String failure : nightly.failedSources()) {
      System.err.println("caplens: could not read " + failure);
    }
  }
}
