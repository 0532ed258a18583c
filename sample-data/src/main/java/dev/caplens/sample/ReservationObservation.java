package dev.caplens.sample;

/** A capacity reservation together with its state at one snapshot time. */
public record ReservationObservation(CapacityReservation reservation, ReservationState state) {

  public boolean visibleTo(String accountId, String region) {
    return reservation.region().equals(region) && reservation.visibleTo(accountId);
  }
}
