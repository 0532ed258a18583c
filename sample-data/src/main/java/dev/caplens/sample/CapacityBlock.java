package dev.caplens.sample;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An EC2 Capacity Block for ML as DescribeCapacityBlocks reports it at one snapshot time. */
public record CapacityBlock(
    String id,
    String region,
    String availabilityZone,
    String availabilityZoneId,
    List<String> capacityReservationIds,
    Instant createDate,
    Instant startDate,
    Instant endDate,
    String state,
    Map<String, String> tags) {

  public CapacityBlock {
    capacityReservationIds = List.copyOf(capacityReservationIds);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }
}
