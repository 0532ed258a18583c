package dev.caplens.sample;

import java.util.List;

/** One zone x instance type of an Alibaba private pool (AllocatedResource). */
public record AllocatedResource(String instanceType, String zoneId, int totalAmount, List<PoolUsage> usages) {

  public AllocatedResource {
    usages = List.copyOf(usages);
  }

  public int usedAmount() {
    return usages.stream().mapToInt(PoolUsage::usedAmount).sum();
  }

  public int availableAmount() {
    return totalAmount - usedAmount();
  }
}
