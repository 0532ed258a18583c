package dev.caplens.sample;

/** An instance running on an Outpost asset (ListAssetInstances). */
public record AssetInstance(
    String instanceId, String instanceType, String assetId, String accountId, String awsServiceName) {}
