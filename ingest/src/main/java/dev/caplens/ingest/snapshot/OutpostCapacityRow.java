package dev.caplens.ingest.snapshot;

/** Instance slots of one instance type on one Outposts compute asset (ComputeAttributes.InstanceTypeCapacities). */
public record OutpostCapacityRow(
    String outpostId,
    String outpostName,
    String outpostOwnerAccountId,
    String availabilityZone,
    String outpostLifeCycleStatus,
    String assetId,
    String assetState,
    String instanceType,
    Integer slotCount) {}
