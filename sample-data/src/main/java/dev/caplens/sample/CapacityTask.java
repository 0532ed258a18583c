package dev.caplens.sample;

import java.time.Instant;
import java.util.List;

/** An Outposts capacity task (StartCapacityTask) as ListCapacityTasks and GetCapacityTask report it at one snapshot time. */
public record CapacityTask(
    String id,
    String outpostId,
    String assetId,
    List<InstanceTypeCount> requestedInstancePools,
    String status,
    Instant creationDate,
    Instant completionDate,
    Instant lastModifiedDate,
    String actionOnBlockingInstances) {

  public CapacityTask {
    requestedInstancePools = List.copyOf(requestedInstancePools);
  }
}
