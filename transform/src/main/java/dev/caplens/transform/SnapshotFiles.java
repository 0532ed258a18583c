package dev.caplens.transform;

import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * What a reader reads of one snapshot table for some days: {@code published}, partition
 * directories never compacted and, in compacted partitions, the files published beside the
 * compacted file; {@code compacted}, the compacted files their manifests name; and
 * {@code superseded}, the scope snapshots published again after their partition was compacted,
 * whose rows in the compacted files are no longer the current ones.
 */
public record SnapshotFiles(List<Path> published, List<Path> compacted, List<ScopeInstant> superseded) {

  public SnapshotFiles {
    published = List.copyOf(published);
    compacted = List.copyOf(compacted);
    superseded = List.copyOf(superseded);
  }

  /** A scope snapshot of a partition: the rows of one published file. */
  public record ScopeInstant(String provider, String accountId, String region, long snapshotTimeMicros) { }

  public boolean isEmpty() {
    return published.isEmpty() && compacted.isEmpty();
  }
}
