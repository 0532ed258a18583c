package dev.caplens.transform;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One reservation as one scope snapshot listed it, with the values {@link Listings} derived from
 * the row alone. Counts are boxed: a missing count is reported, not read as 0.
 */
record Listing(
    String provider,
    String reservationId,
    String scopeAccountId,
    String region,
    long observedUs,
    Long nextSnapshotUs,
    boolean ownersListing,
    String ownerAccountId,
    String billingOwnerAccountId,
    String reservationType,
    boolean knownReservationType,
    String reservationKind,
    String pricingModel,
    String instanceType,
    String platform,
    String availabilityZone,
    String state,
    boolean billable,
    boolean knownState,
    boolean lendable,
    Integer totalInstanceCount,
    Integer availableInstanceCount,
    Long startUs,
    Long endUs,
    String sourceReservationId,
    Integer lentInstanceCount,
    Integer reportedUsedInstanceCount,
    String lifetimeCheck,
    String lifetimeDetail) implements Serializable {

  /** A row of {@link Listings#of}, read by position in the order it selects. */
  static Listing of(Row row) {
    return new Listing(
        row.getString(0), row.getString(1), row.getString(2), row.getString(3),
        row.getLong(4), (Long) row.get(5), row.getBoolean(6), row.getString(7), row.getString(8),
        row.getString(9), row.getBoolean(10), row.getString(11), row.getString(12), row.getString(13),
        row.getString(14), row.getString(15), row.getString(16), row.getBoolean(17), row.getBoolean(18),
        row.getBoolean(19), (Integer) row.get(20), (Integer) row.get(21), (Long) row.get(22), (Long) row.get(23),
        row.getString(24), (Integer) row.get(25), (Integer) row.get(26), row.getString(27), row.getString(28));
  }

  boolean interruptible() {
    return ReservationRules.INTERRUPTIBLE.equals(reservationKind);
  }
}
