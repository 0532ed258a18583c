package dev.caplens.ingest.snapshot;

import java.time.Instant;

/** One Capacity Block for ML as DescribeCapacityBlocks lists it. */
public record CapacityBlockRow(
    String capacityBlockId,
    String ultraserverType,
    String availabilityZone,
    String state,
    Instant createDate,
    Instant startDate,
    Instant endDate,
    String reservationIdsJson,
    String tagsJson) {}
