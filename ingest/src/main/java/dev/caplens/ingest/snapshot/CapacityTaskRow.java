package dev.caplens.ingest.snapshot;

import java.time.Instant;

/** One Outposts capacity task (ListCapacityTasks, with GetCapacityTask's details when read). */
public record CapacityTaskRow(
    String capacityTaskId,
    String outpostId,
    String orderId,
    String assetId,
    String status,
    Instant creationDate,
    Instant completionDate,
    Instant lastModifiedDate,
    String requestedPoolsJson,
    String failureType,
    String failureReason,
    Boolean dryRun) {}
