package dev.caplens.ingest.snapshot;

/** One instance running on an Outpost, and the account that runs it (ListAssetInstances). */
public record OutpostInstanceRow(
    String outpostId,
    String assetId,
    String instanceId,
    String instanceType,
    String instanceAccountId,
    String awsService) {}
