package dev.caplens.sample;

import java.util.List;

/**
 * What EC2 reports about a capacity reservation at one instant. The available count excludes
 * instances lent to an interruptible reservation, as EC2 does.
 */
public record ReservationState(
    String state,
    int totalInstanceCount,
    int availableInstanceCount,
    List<InstanceUsage> instanceUsages,
    LendingAllocation lending) {

  public ReservationState {
    instanceUsages = List.copyOf(instanceUsages);
  }
}
