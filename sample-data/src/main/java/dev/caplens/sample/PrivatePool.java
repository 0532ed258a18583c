package dev.caplens.sample;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Alibaba Cloud ECS capacity reservation (private pool) as DescribeCapacityReservations reports it. */
public record PrivatePool(
    String id,
    String name,
    String ownerId,
    String region,
    String matchCriteria,
    String status,
    Instant startTime,
    Instant endTime,
    String endTimeType,
    String platform,
    String instanceChargeType,
    String resourceGroupId,
    Map<String, String> tags,
    List<AllocatedResource> allocatedResources) {

  public PrivatePool {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    allocatedResources = List.copyOf(allocatedResources);
  }
}
