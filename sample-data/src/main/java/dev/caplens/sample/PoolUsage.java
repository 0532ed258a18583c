package dev.caplens.sample;

/** One account's use of an Alibaba private pool resource (CapacityReservationUsage). */
public record PoolUsage(String accountId, String serviceName, int usedAmount) {}
