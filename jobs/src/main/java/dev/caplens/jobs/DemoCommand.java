package dev.caplens.jobs;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.reports.ReportFiles;
import dev.caplens.reports.SummaryMail;
import dev.caplens.reports.SummaryReport;
import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.SampleCloudServer;
import dev.caplens.transform.SnapshotCompactor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code caplens demo}: the whole pipeline on the sample organisation, offline. A loopback server
 * plays the clouds' APIs; every hourly snapshot is ingested through the real SDK clients, then
 * transformed and reported exactly as a production run would be.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on the shipped sample organisation, offline.")
final class DemoCommand implements Callable<Integer> {

  /** Small pages so the demo pages through every listing the way a large fleet would. */
  static final int DEMO_PAGE_SIZE = 3;

  /** The sample organisation's finance team, for {@code demo --email --dry-run}. */
  static final CaplensConfig DEMO_EMAIL = new CaplensConfig(null, null, null, null, null, null,
      new CaplensConfig.Email("caplens@example.com", List.of("finance@example.com"), null), null);

  @Option(names = "--out", defaultValue = "out/demo",
      description = "Output directory: warehouse in DIR/warehouse, reports in DIR/report (default: ${DEFAULT-VALUE}).")
  Path out;

  @picocli.CommandLine.Mixin
  ReportCommand.EmailOptions email;

  @Override
  public Integer call() throws Exception {
    if (email.email && !email.dryRun) {
      throw new UsageException("the demo sends no mail: use --email --dry-run to write the message to a file");
    }
    SummaryMail.Settings mail = email.settings(DEMO_EMAIL, Map.of());
    Path warehouseDir = out.resolve("warehouse");
    Path reportDir = out.resolve("report");
    Path prices;
    List<RunManifest> manifests;
    LocalDate from;
    LocalDate to;
    try (SampleCloudServer server = SampleCloudServer.start(DEMO_PAGE_SIZE)) {
      SampleOrganisation org = server.organisation();
      prices = org.writePrices(out.resolve("prices.csv"));
      manifests = ingestEverySnapshot(server, Warehouse.open(warehouseDir.toString()), System.err::println);
      from = day(server.snapshotTimes().get(0));
      to = day(server.snapshotTimes().get(server.snapshotTimes().size() - 1));
    }
    long failures = manifests.stream().mapToLong(m -> m.failures().size()).sum();
    if (failures > 0) {
      manifests.forEach(Summaries::printIngest);
      throw new IllegalStateException(failures + " sample scope(s) could not be read");
    }
    if (from.isBefore(to)) {
      // The days before the last are closed: compacted, as nightly leaves them; the last stays as ingested.
      SnapshotCompactor.Result compacted = PipelineJobs.compact(SparkSessions.getOrCreate("caplens"),
          warehouseDir.toString(), from, to.minusDays(1), line -> { });
      System.err.println(RunSummary.compaction("demo compact", from, to.minusDays(1), compacted));
    }
    SummaryReport.Input summary = PipelineJobs.transformAndReport(warehouseDir.toString(), from, to,
        prices.toString(), CaplensConfig.EMPTY.maxCarryHours(), reportDir);
    System.out.println("caplens demo: reports for " + from + " to " + to + " in " + reportDir.toAbsolutePath());
    for (String file : ReportFiles.CSV_FILES) {
      System.out.println("  " + reportDir.resolve(file));
    }
    System.out.println("  " + reportDir.resolve(ReportFiles.SUMMARY));
    return email.deliver(reportDir, summary, mail, "demo");
  }

  /**
   * Every hourly snapshot of the sample organisation, as an hourly schedule would take them: EC2
   * and Outposts through the demo account, Alibaba ECS as the pool owner's read-only RAM role,
   * assumed with a RAM user's AccessKey that may do nothing else.
   */
  static List<RunManifest> ingestEverySnapshot(SampleCloudServer server, Warehouse warehouse,
                                               Consumer<String> progress) {
    SampleOrganisation org = server.organisation();
    var account = org.demoAccount();
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
    var aws = new DefaultAwsClientFactory(credentials, server.endpoint(), server.endpoint(), server.endpoint());
    List<AwsAccount> accounts = List.of(AwsAccount.withDefaultCredentials(account.id()));
    AliyunAccount aliyunAccount = org.aliyunAccount();
    AliyunAccount roleUser = org.assumeOnlyAliyunUser().orElseThrow();
    AliyunRetry aliyunRetry = AliyunRetry.perMinuteQuota(Clock.systemUTC());
    var aliyun = new DefaultAliyunClientFactory(roleUser.accessKeyId(), roleUser.accessKeySecret(), server.endpoint())
        .assumingRole(org.aliyunReadRole(aliyunAccount.id()), AliyunSettings.DEFAULT_SESSION_NAME, aliyunRetry,
            Clock.systemUTC());

    List<RunManifest> manifests = new ArrayList<>();
    List<Instant> times = server.snapshotTimes();
    long started = System.nanoTime();
    int rows = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant t = times.get(i);
      server.useSnapshot(t);
      RunManifest ec2 = AwsIngestJob.run(warehouse, aws, AwsIngestJob.Source.EC2, accounts, org.awsRegions(), t,
          line -> { });
      RunManifest outposts = AwsIngestJob.run(warehouse, aws, AwsIngestJob.Source.OUTPOSTS, accounts,
          org.awsRegions(), t, line -> { });
      RunManifest ecs = AliyunIngestJob.run(warehouse, aliyun, aliyunRetry, aliyunAccount.id(), org.aliyunRegions(),
          true, t, line -> { });
      manifests.addAll(List.of(ec2, outposts, ecs));
      rows += ec2.totalRows() + outposts.totalRows() + ecs.totalRows();
      if ((i + 1) % 12 == 0 || i + 1 == times.size()) {
        progress.accept(String.format("demo ingest: %d/%d hourly snapshots, %d reservation and slot rows, %.1f s",
            i + 1, times.size(), rows, Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0));
      }
    }
    return manifests;
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
