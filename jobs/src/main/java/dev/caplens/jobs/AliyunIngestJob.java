package dev.caplens.jobs;

import dev.caplens.ingest.IngestRunner;
import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.aliyun.AliyunClientFactory;
import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.AliyunScopeReader;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One Alibaba ingest run: every configured region, published region by region. */
final class AliyunIngestJob {

  private AliyunIngestJob() {}

  static RunManifest run(Warehouse warehouse, AliyunClientFactory clients, AliyunRetry retry, String accountId,
                         List<String> regions, boolean countPoolInstances, Instant snapshotTime,
                         Consumer<String> progress) {
    Clock clock = Clock.systemUTC();
    String runId = IngestRunner.newRunId(clock.instant());
    List<ScopeTask> tasks = new ArrayList<>();
    for (String region : regions) {
      ScopeSnapshot scope = new ScopeSnapshot(AliyunScopeReader.PROVIDER, accountId, region,
          AliyunScopeReader.SOURCE, snapshotTime, runId);
      tasks.add(new AliyunScopeReader(scope, clients.ecs(region), retry, countPoolInstances));
    }
    return new IngestRunner(warehouse, AwsIngestJob.PARALLEL_SCOPES, progress, clock)
        .run(runId, AliyunScopeReader.PROVIDER, snapshotTime, tasks);
  }
}
