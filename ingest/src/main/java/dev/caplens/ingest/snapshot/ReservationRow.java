package dev.caplens.ingest.snapshot;

import java.time.Instant;

/**
 * One reservation as listed at a snapshot time, with values kept as the API spells them (an
 * unknown state or type stays its raw string). Nulls mean the API did not say. EC2 fills the EC2
 * fields; an Alibaba private pool gives one row per allocated resource (zone x instance type)
 * with its name, charge type, resource group and the UsedAmount it reports.
 */
public record ReservationRow(
    String reservationId,
    String reservationArn,
    String ownerAccountId,
    String reservationType,
    String instanceType,
    String platform,
    String availabilityZone,
    String tenancy,
    String instanceMatchCriteria,
    String state,
    Integer totalInstanceCount,
    Integer availableInstanceCount,
    Instant createDate,
    Instant startDate,
    Instant endDate,
    String endDateType,
    String capacityBlockId,
    String billingOwnerAccountId,
    Boolean interruptible,
    String sourceReservationId,
    Integer lentInstanceCount,
    Integer lentTargetInstanceCount,
    String lentStatus,
    String lentToReservationId,
    String tagsJson,
    String reservationName,
    String chargeType,
    String resourceGroupId,
    Integer reportedUsedInstanceCount) {

  /** Instances in use at the observation, when both counts are known. */
  public int usedInstanceCount() {
    if (totalInstanceCount == null || availableInstanceCount == null) {
      return 0;
    }
    return Math.max(0, totalInstanceCount - availableInstanceCount);
  }

  /** Either side of a lending pair: a source that lends, or an interruptible reservation. */
  public boolean inLendingPair() {
    return Boolean.TRUE.equals(interruptible) || lentToReservationId != null || lentInstanceCount != null;
  }
}
