package dev.caplens.sample;

/** One account's running instances in an EC2 capacity reservation (GetCapacityReservationUsage InstanceUsages). */
public record InstanceUsage(String accountId, int usedInstanceCount) {}
