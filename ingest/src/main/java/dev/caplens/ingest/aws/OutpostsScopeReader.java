package dev.caplens.ingest.aws;

import static dev.caplens.ingest.snapshot.SnapshotTables.CAPACITY_TASKS;
import static dev.caplens.ingest.snapshot.SnapshotTables.OUTPOST_CAPACITY;
import static dev.caplens.ingest.snapshot.SnapshotTables.OUTPOST_INSTANCES;

import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.outposts.OutpostsClient;
import software.amazon.awssdk.services.outposts.model.CapacityTaskSummary;
import software.amazon.awssdk.services.outposts.model.ListAssetInstancesResponse;
import software.amazon.awssdk.services.outposts.model.ListAssetsResponse;
import software.amazon.awssdk.services.outposts.model.ListCapacityTasksResponse;
import software.amazon.awssdk.services.outposts.model.ListOutpostsResponse;
import software.amazon.awssdk.services.outposts.model.Outpost;

/**
 * One account x region of AWS Outposts: instance slots per compute asset and instance type, the
 * instances running on them by account, and the capacity tasks that change the slots.
 */
public final class OutpostsScopeReader implements ScopeTask {

  public static final String SOURCE = "outposts";
  static final int MAX_RESULTS = 1000;
  /** A finished task's details cannot change; read them again only while the reports still show it fresh. */
  static final Duration TASK_DETAIL_WINDOW = Duration.ofDays(2);
  private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  private final ScopeSnapshot scope;
  private final OutpostsClient outposts;
  private final AwsCalls calls = new AwsCalls();

  public OutpostsScopeReader(ScopeSnapshot scope, OutpostsClient outposts) {
    this.scope = scope;
    this.outposts = outposts;
  }

  @Override
  public ScopeSnapshot scope() {
    return scope;
  }

  @Override
  public ScopeRow read(ScopeSnapshotWriter writer) {
    var capacity = writer.table(OUTPOST_CAPACITY);
    var instances = writer.table(OUTPOST_INSTANCES);
    var tasks = writer.table(CAPACITY_TASKS);

    List<Outpost> found = new ArrayList<>();
    calls.pages("ListOutposts",
        token -> outposts.listOutposts(r -> r.maxResults(MAX_RESULTS).nextToken(token)),
        ListOutpostsResponse::nextToken,
        page -> found.addAll(page.outposts()));
    for (Outpost outpost : found) {
      calls.pages("ListAssets " + outpost.outpostId(),
          token -> outposts.listAssets(r -> r.outpostIdentifier(outpost.outpostId()).maxResults(MAX_RESULTS)
              .nextToken(token)),
          ListAssetsResponse::nextToken,
          page -> page.assets().forEach(asset -> OutpostsRows.capacity(outpost, asset).forEach(capacity::append)));
      calls.pages("ListAssetInstances " + outpost.outpostId(),
          token -> outposts.listAssetInstances(r -> r.outpostIdentifier(outpost.outpostId()).maxResults(MAX_RESULTS)
              .nextToken(token)),
          ListAssetInstancesResponse::nextToken,
          page -> page.assetInstances().forEach(
              instance -> instances.append(OutpostsRows.instance(outpost.outpostId(), instance))));
    }
    List<CapacityTaskSummary> summaries = new ArrayList<>();
    calls.pages("ListCapacityTasks",
        token -> outposts.listCapacityTasks(r -> r.maxResults(MAX_RESULTS).nextToken(token)),
        ListCapacityTasksResponse::nextToken,
        page -> summaries.addAll(page.capacityTasks()));
    for (CapacityTaskSummary summary : summaries) {
      if (needsDetails(summary, scope.snapshotTime())) {
        tasks.append(OutpostsRows.task(calls.page("GetCapacityTask " + summary.capacityTaskId(),
            () -> outposts.getCapacityTask(
                r -> r.outpostIdentifier(summary.outpostId()).capacityTaskId(summary.capacityTaskId())))));
      } else {
        tasks.append(OutpostsRows.task(summary));
      }
    }
    return new ScopeRow(SOURCE, calls.pages(), calls.pages(), capacity.rows());
  }

  /**
   * Requested pools and failure reasons are only in GetCapacityTask. A task still running, or one
   * that changed recently, is read in full; older finished tasks keep their summary, so the number
   * of calls does not grow with the Outpost's history.
   */
  static boolean needsDetails(CapacityTaskSummary task, Instant snapshotTime) {
    if (!FINISHED.contains(task.capacityTaskStatusAsString())) {
      return true;
    }
    Instant changed = task.lastModifiedDate() != null ? task.lastModifiedDate() : task.completionDate();
    return changed == null || !changed.isBefore(snapshotTime.minus(TASK_DETAIL_WINDOW));
  }

  @Override
  public void close() {
    outposts.close();
  }
}
