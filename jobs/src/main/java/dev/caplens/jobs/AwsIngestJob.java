package dev.caplens.jobs;

import dev.caplens.ingest.IngestRunner;
import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.AwsClientFactory;
import dev.caplens.ingest.aws.AwsIngest;
import dev.caplens.ingest.snapshot.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** One AWS ingest run (EC2 or Outposts): every account x region, published scope by scope. */
final class AwsIngestJob {

  /** What an AWS run reads: EC2 capacity reservations, or Outposts capacity. */
  enum Source { EC2, OUTPOSTS }

  /** Scopes read at once: regions x accounts, bounded so API rate limits are not multiplied. */
  static final int PARALLEL_SCOPES = 4;

  private AwsIngestJob() {}

  static RunManifest run(Warehouse warehouse, AwsClientFactory clients, Source source,
                         List<AwsAccount> accounts, List<String> regions, Instant snapshotTime,
                         Consumer<String> progress) {
    Clock clock = Clock.systemUTC();
    String runId = IngestRunner.newRunId(clock.instant());
    List<ScopeTask> tasks = switch (source) {
      case EC2 -> AwsIngest.ec2Scopes(clients, accounts, regions, snapshotTime, runId);
      case OUTPOSTS -> AwsIngest.outpostsScopes(clients, accounts, regions, snapshotTime, runId);
    };
    String providerName = source == Source.EC2 ? AwsIngest.PROVIDER : AwsIngest.OUTPOSTS_PROVIDER;
    return new IngestRunner(warehouse, PARALLEL_SCOPES, progress, clock).run(runId, providerName, snapshotTime, tasks);
  }
}
