package dev.caplens.jobs;

import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.RunManifest.ScopeOutcome;

/** The one-line summaries commands print at the end, and the exit code they imply. */
final class Summaries {

  private Summaries() {}

  static int printIngest(RunManifest manifest) {
    int failed = manifest.failures().size();
    System.err.printf("ingest %s %s: %d scope(s) published, %d failed, %d pages, %d reservations; manifest runs/%s/manifest.json%n",
        manifest.provider(), manifest.snapshotTime(), manifest.scopes().size() - failed, failed,
        manifest.totalPages(), manifest.totalRows(), manifest.runId());
    for (ScopeOutcome failure : manifest.failures()) {
      System.err.println("caplens: could not read " + failure.error());
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
  }
}
