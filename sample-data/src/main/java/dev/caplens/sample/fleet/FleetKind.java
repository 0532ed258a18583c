package dev.caplens.sample.fleet;

/**
 * The kinds of report row a generated fleet holds, and their share of it. ODCRs dominate real
 * fleets; a lending pair is two rows (the source ODCR and its interruptible reservation).
 */
public enum FleetKind {
  ODCR(0.68),
  CAPACITY_BLOCK(0.05),
  LENDING_SOURCE(0.05),
  INTERRUPTIBLE(0.05),
  OUTPOST_SLOT(0.07),
  POOL_RESOURCE(0.10);

  private final double share;

  FleetKind(double share) {
    this.share = share;
  }

  public double share() {
    return share;
  }

  /** The caplens reservation_kind of rows of this kind. */
  public String reservationKind() {
    return switch (this) {
      case ODCR, LENDING_SOURCE -> "odcr";
      case CAPACITY_BLOCK -> "capacity-block";
      case INTERRUPTIBLE -> "interruptible";
      case OUTPOST_SLOT -> "outpost";
      case POOL_RESOURCE -> "private-pool";
    };
  }
}
