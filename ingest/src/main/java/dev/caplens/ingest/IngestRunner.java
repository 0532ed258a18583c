package dev.caplens.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.caplens.ingest.RunManifest.ScopeOutcome;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import dev.caplens.ingest.snapshot.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;

/**
 * Runs the scope tasks of one ingest run on a bounded pool. Each scope is published on its own
 * when it was read completely; a scope that fails publishes nothing and is named in the manifest,
 * and the others still land.
 */
public final class IngestRunner {

  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Warehouse warehouse;
  private final int parallelism;
  private final Consumer<String> progress;
  private final Clock clock;

  public IngestRunner(Warehouse warehouse, int parallelism, Consumer<String> progress, Clock clock) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.warehouse = warehouse;
    this.parallelism = parallelism;
    this.progress = progress;
    this.clock = clock;
  }

  public static String newRunId(Instant startedAt) {
    return RUN_TIME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Reads every scope, publishes the complete ones and writes the run manifest. */
  public RunManifest run(String runId, String provider, Instant snapshotTime, List<ScopeTask> tasks) {
    Instant startedAt = clock.instant();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger rows = new AtomicInteger();
    List<ScopeOutcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())));
    try {
      List<Future<ScopeOutcome>> futures = new ArrayList<>();
      for (ScopeTask task : tasks) {
        futures.add(pool.submit(() -> {
          ScopeOutcome outcome = readAndPublish(task);
          rows.addAndGet(outcome.rows() == null ? 0 : outcome.rows());
          progress.accept(String.format("ingest %s: %d/%d scopes, %d reservations (%s %s)",
              provider, done.incrementAndGet(), tasks.size(), rows.get(),
              task.scope().scopeName(), outcome.status()));
          return outcome;
        }));
      }
      for (Future<ScopeOutcome> future : futures) {
        outcomes.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ingest worker failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
      warehouse.deleteQuietly(warehouse.stagingDir(runId));
    }
    outcomes.sort(Comparator.comparing(ScopeOutcome::accountId)
        .thenComparing(ScopeOutcome::region).thenComparing(ScopeOutcome::source));
    RunManifest manifest = new RunManifest(runId, provider, snapshotTime, startedAt, clock.instant(), outcomes);
    writeManifest(manifest);
    return manifest;
  }

  private ScopeOutcome readAndPublish(ScopeTask task) {
    ScopeSnapshot scope = task.scope();
    try (task; ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, scope)) {
      ScopeRow marker = task.read(writer);
      writer.publish(marker);
      return new ScopeOutcome(scope.accountId(), scope.region(), scope.source(), "published",
          marker.pages(), marker.calls(), marker.rows(), null);
    } catch (ScopeReadException | IOException | UncheckedIOException e) {
      return failed(scope, e.getMessage());
    } catch (RuntimeException e) {
      return failed(scope, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ScopeOutcome failed(ScopeSnapshot scope, String error) {
    return new ScopeOutcome(scope.accountId(), scope.region(), scope.source(), "failed", null, null, null,
        scope.scopeName() + ": " + error);
  }

  private void writeManifest(RunManifest manifest) {
    Path dir = warehouse.runDir(manifest.runId());
    Path staged = new Path(dir, ".manifest.json.tmp");
    Path target = new Path(dir, "manifest.json");
    try {
      warehouse.fileSystem().mkdirs(dir);
      try (OutputStream out = warehouse.fileSystem().create(staged, true)) {
        JSON.writeValue(out, manifest);
      }
      warehouse.publish(staged, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run manifest " + target + ": " + e.getMessage(), e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
