package dev.caplens.ingest.snapshot;

/** How many instances DescribeCapacityReservationInstances lists for a pool. */
public record PoolInstanceCountRow(String reservationId, Integer instanceCount) {}
