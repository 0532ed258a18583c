package dev.caplens.bench;

import dev.caplens.sample.ReservationObservation;
import dev.caplens.sample.ReservationState;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fewest EC2 calls that read every owner scope of a fleet's hour, with pages of at most
 * {@code maxPage} items: per scope, ceil(listed / maxPage) DescribeCapacityReservations pages (one
 * even when nothing is listed), one GetCapacityReservationUsage page per reservation with
 * instances in use or in a lending pair (an account holds at most a page of usages), and
 * ceil(blocks / maxPage) DescribeCapacityBlocks pages (again at least one).
 */
record Ec2CallFloor(int scopes, long listingPages, long usageCalls, long blockPages, long reservations) {

  long calls() {
    return listingPages + usageCalls + blockPages;
  }

  /** @param listedByScope what each of the {@code scopes} scopes lists; scopes missing from it list nothing */
  static Ec2CallFloor of(int scopes, Map<String, List<ReservationObservation>> listedByScope, int maxPage) {
    long listing = scopes;
    long usage = 0;
    long blocks = scopes;
    long reservations = 0;
    for (List<ReservationObservation> listed : listedByScope.values()) {
      long blockCount = listed.stream().map(o -> o.reservation().capacityBlockId()).filter(Objects::nonNull)
          .distinct().count();
      listing += pages(listed.size(), maxPage) - 1;
      blocks += pages(blockCount, maxPage) - 1;
      usage += listed.stream().filter(Ec2CallFloor::hasUsageToRead).count();
      reservations += listed.size();
    }
    return new Ec2CallFloor(scopes, listing, usage, blocks, reservations);
  }

  /** Instances in use (total minus available, which counts lent ones as used) or either side of a lending pair. */
  private static boolean hasUsageToRead(ReservationObservation observation) {
    ReservationState state = observation.state();
    return state.totalInstanceCount() > state.availableInstanceCount()
        || observation.reservation().interruptible() || state.lending() != null;
  }

  private static long pages(long items, int maxPage) {
    return Math.max(1, (items + maxPage - 1) / maxPage);
  }
}
