package dev.caplens.jobs;

import dev.caplens.transform.SnapshotCompactor;
import dev.caplens.transform.TransformResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;

/** The last line of a scheduled run: what it read, computed and wrote. */
final class RunSummary {

  private RunSummary() {}

  static String nightly(NightlyCommand.Nightly nightly) {
    ScheduledRuns.Ingested in = nightly.ingested();
    return "caplens nightly " + nightly.day() + ": read " + in.manifests().size() + " source run(s), "
        + in.scopes() + " scope(s), " + in.pages() + " page(s), " + in.rows() + " reservation row(s), "
        + nightly.failedSources().size() + " unreadable; " + computedAndWritten(nightly.recomputed())
        + "; " + compacted(nightly.compacted());
  }

  /** {@code command} is what compacted: {@code caplens compact}, or the demo. */
  static String compaction(String command, LocalDate from, LocalDate to, SnapshotCompactor.Result result) {
    return command + " " + from + " to " + to + ": " + compacted(result);
  }

  private static String compacted(SnapshotCompactor.Result result) {
    return "compacted " + result.compacted() + " of " + result.partitions() + " snapshot partition(s), "
        + result.filesReplaced() + " file(s) into one each, " + result.rows() + " row(s)";
  }

  static String backfill(ScheduledRuns.Recomputed recomputed) {
    return "caplens backfill: " + computedAndWritten(recomputed);
  }

  private static String computedAndWritten(ScheduledRuns.Recomputed recomputed) {
    TransformResult t = recomputed.transform();
    Path root = recomputed.reportRoot();
    return "computed " + recomputed.from() + " to " + recomputed.to() + ": " + t.reservationDailyRows()
        + " reservation-day, " + t.accountUsageDailyRows() + " account-day, " + t.dataQualityRows()
        + " data-quality row(s); wrote " + recomputed.reports().size() + " report(s) in " + root + " ("
        + recomputed.reports().stream().map(r -> root.relativize(r.dir()).toString())
            .collect(Collectors.joining(", ")) + ")";
  }
}
