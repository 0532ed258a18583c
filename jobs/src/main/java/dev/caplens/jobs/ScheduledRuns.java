package dev.caplens.jobs;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.AwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.reports.SummaryReport;
import dev.caplens.transform.TransformResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages of {@code nightly} and {@code backfill}: ingest every configured source, then
 * recompute a day range and rewrite the reports that cover it. A source that cannot be read is
 * recorded and the others go on; the days are recomputed from whatever was published.
 */
final class ScheduledRuns {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledRuns.class);

  /** What an ingest of every source read, and the scopes or sources that could not be read. */
  record Ingested(List<RunManifest> manifests, List<String> failedSources) {
    int scopes() {
      return manifests.stream().mapToInt(m -> m.scopes().size()).sum();
    }

    int pages() {
      return manifests.stream().mapToInt(RunManifest::totalPages).sum();
    }

    int rows() {
      return manifests.stream().mapToInt(RunManifest::totalRows).sum();
    }
  }

  /** What a recompute wrote: the marts of its days, the report directories and what each summary showed. */
  record Recomputed(LocalDate from, LocalDate to, TransformResult transform, Path reportRoot,
                    List<ReportLayout.Report> reports, Map<ReportLayout.Report, SummaryReport.Input> summaries) {}

  private ScheduledRuns() {}

  /** Ingests EC2 (when AWS regions are set), Outposts (when {@code aws.outposts}) and Alibaba (when its regions are set). */
  static Ingested ingestAll(CaplensConfig cfg, CloudClients clients, Instant snapshotTime, Progress progress) {
    Warehouse warehouse = Warehouse.open(cfg.warehouse());
    List<RunManifest> manifests = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    if (!cfg.awsRegions().isEmpty()) {
      AwsClientFactory aws = clients.aws();
      List<AwsAccount> accounts = null;
      try {
        accounts = IngestCommand.accounts(cfg, aws);
      } catch (RuntimeException e) {
        failed.add("aws: cannot find the account of the default credentials: " + CaplensCli.oneLine(e));
      }
      if (accounts != null) {
        List<AwsAccount> readAccounts = accounts;
        ingestSource("aws", manifests, failed, progress, () -> AwsIngestJob.run(warehouse, aws, AwsIngestJob.Source.EC2,
            readAccounts, cfg.awsRegions(), snapshotTime, progress));
        if (cfg.awsOutposts()) {
          ingestSource("outposts", manifests, failed, progress, () -> AwsIngestJob.run(warehouse, aws,
              AwsIngestJob.Source.OUTPOSTS, readAccounts, cfg.awsRegions(), snapshotTime, progress));
        }
      }
    }
    if (!cfg.aliyunRegions().isEmpty()) {
      ingestSource("aliyun", manifests, failed, progress, () -> AliyunIngestJob.run(warehouse, clients.aliyun(cfg),
          AliyunRetry.perMinuteQuota(Clock.systemUTC()), AliyunSettings.accountId(cfg), cfg.aliyunRegions(),
          AliyunSettings.countPoolInstances(cfg), snapshotTime, progress));
    }
    return new Ingested(List.copyOf(manifests), List.copyOf(failed));
  }

  private static void ingestSource(String source, List<RunManifest> manifests, List<String> failed,
                                   Progress progress, Supplier<RunManifest> ingest) {
    long started = System.nanoTime();
    try {
      RunManifest manifest = ingest.get();
      progress.close();
      manifests.add(manifest);
      manifest.failures().forEach(f -> failed.add(f.error()));
      LOG.info("ingest {}: {} scope(s) published, {} failed, {} pages, {} reservations in {} ms; run {}", source,
          manifest.scopes().size() - manifest.failures().size(), manifest.failures().size(), manifest.totalPages(),
          manifest.totalRows(), millisSince(started), manifest.runId());
    } catch (RuntimeException e) {
      progress.close();
      // A whole source that cannot start (no credentials, no endpoint) is one more failed source, not the end of the run.
      failed.add(source + ": " + CaplensCli.oneLine(e));
      LOG.warn("ingest {}: failed after {} ms: {}", source, millisSince(started), CaplensCli.oneLine(e));
    }
  }

  /**
   * Recomputes the marts of {@code from..to} in one transform, then rewrites each report that covers
   * those days; their summaries list {@code unreadableSources}.
   */
  static Recomputed recompute(SparkSession spark, CaplensConfig cfg, LocalDate from, LocalDate to,
                              List<String> unreadableSources, Progress progress) throws IOException {
    TransformResult transform = PipelineJobs.transform(spark, cfg.warehouse(), from, to, cfg.prices(),
        cfg.transformParams());
    ReportLayout layout = ReportLayout.of(cfg);
    List<ReportLayout.Report> reports = layout.afterRecomputing(from, to);
    Map<ReportLayout.Report, SummaryReport.Input> summaries = new LinkedHashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      ReportLayout.Report report = reports.get(i);
      ReportPublisher.publish(report.dir(), dir -> summaries.put(report,
          PipelineJobs.report(spark, cfg.warehouse(), report.from(), report.to(), dir, unreadableSources)));
      progress.accept(String.format("report %d/%d: %s", i + 1, reports.size(), report.dir()));
    }
    progress.close();
    return new Recomputed(from, to, transform, layout.root(), reports, summaries);
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
