package dev.caplens.sample;

/** An interruptible reservation's InterruptionInfo: the source reservation it borrows from. */
public record InterruptionInfo(String sourceReservationId, String interruptionType) {}
