package dev.caplens.sample;

import java.util.List;

/**
 * A compute asset (host) of an Outpost as ListAssets reports it at one snapshot time; its
 * instance type capacities are the slots a capacity task reshapes.
 */
public record OutpostAsset(
    String assetId,
    String outpostId,
    String rackId,
    String hostId,
    String state,
    List<String> instanceFamilies,
    List<InstanceTypeCount> instanceTypeCapacities,
    int maxVcpus,
    float rackElevation) {

  public OutpostAsset {
    instanceFamilies = List.copyOf(instanceFamilies);
    instanceTypeCapacities = List.copyOf(instanceTypeCapacities);
  }
}
