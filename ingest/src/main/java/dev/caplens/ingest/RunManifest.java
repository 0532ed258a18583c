package dev.caplens.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** What one ingest run read: written to runs/&lt;run-id&gt;/manifest.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(
    @JsonProperty("run_id") String runId,
    @JsonProperty("provider") String provider,
    @JsonProperty("snapshot_time") Instant snapshotTime,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("scopes") List<ScopeOutcome> scopes) {

  /** One scope's outcome: status {@code published} or {@code failed} with the error. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScopeOutcome(
      @JsonProperty("account_id") String accountId,
      @JsonProperty("region") String region,
      @JsonProperty("source") String source,
      @JsonProperty("status") String status,
      @JsonProperty("pages") Integer pages,
      @JsonProperty("calls") Integer calls,
      @JsonProperty("rows") Integer rows,
      @JsonProperty("error") String error) {

    public boolean failed() {
      return "failed".equals(status);
    }
  }

  public List<ScopeOutcome> failures() {
    return scopes.stream().filter(ScopeOutcome::failed).toList();
  }

  public int totalRows() {
    return scopes.stream().mapToInt(s -> s.rows() == null ? 0 : s.rows()).sum();
  }

  public int totalPages() {
    return scopes.stream().mapToInt(s -> s.pages() == null ? 0 : s.pages()).sum();
  }
}
