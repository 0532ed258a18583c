package dev.caplens.sample;

/** A source reservation's InterruptibleCapacityAllocation: how many of its instances it lends, and to which reservation. */
public record LendingAllocation(
    int instanceCount,
    int targetInstanceCount,
    String status,
    String interruptibleReservationId,
    String interruptionType) {}
