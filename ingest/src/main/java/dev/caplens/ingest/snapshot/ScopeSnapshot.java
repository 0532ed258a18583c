package dev.caplens.ingest.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * One scope (provider, account, region, source) observed at one snapshot time by one run.
 * Every snapshot row carries these columns.
 */
public record ScopeSnapshot(String provider, String accountId, String region, String source,
                            Instant snapshotTime, String runId) {
  public ScopeSnapshot {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(snapshotTime, "snapshotTime");
    Objects.requireNonNull(runId, "runId");
  }

  /** "account/region/source", the name a failure is reported under. */
  public String scopeName() {
    return provider + ":" + accountId + "/" + region + "/" + source;
  }
}
