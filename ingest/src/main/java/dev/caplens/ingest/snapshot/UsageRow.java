package dev.caplens.ingest.snapshot;

/**
 * One account's instances in use in a reservation at a snapshot time (EC2 InstanceUsages). For an
 * Alibaba pool the zone and instance type name the allocated resource the usage belongs to.
 */
public record UsageRow(String reservationId, String usageAccountId, Integer usedInstanceCount,
                       String availabilityZone, String instanceType, String serviceName) {

  public static UsageRow ec2(String reservationId, String usageAccountId, Integer usedInstanceCount) {
    return new UsageRow(reservationId, usageAccountId, usedInstanceCount, null, null, null);
  }
}
