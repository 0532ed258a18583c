package dev.caplens.ingest;

import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;

/** Reads one scope (account x region x source) into its snapshot writer. */
public interface ScopeTask extends AutoCloseable {
  ScopeSnapshot scope();

  /** Reads every page; returns the scope's marker. Throws {@link ScopeReadException} naming the failing call. */
  ScopeRow read(ScopeSnapshotWriter writer);

  /** Releases the task's clients. */
  @Override
  default void close() {}
}
