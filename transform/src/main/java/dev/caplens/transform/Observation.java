package dev.caplens.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A reservation at one snapshot instant: the listing that counts for that instant, the interval of
 * time it stands for, and the instance counts it contributes (DESIGN.md "Lending").
 *
 * <p>Observation i covers {@code [t_i, min(t_{i+1}, next snapshot of its scope, t_i + max_carry))}.
 * Ending at the scope's next snapshot, whether or not that snapshot lists the reservation, is what
 * stops a vanished reservation from being carried forward. Ending at the reservation's next
 * observation as well keeps intervals from overlapping when a shared reservation is observed from
 * scopes with different snapshot times.
 *
 * <p>A source ODCR S that lends L instances reports them as unavailable, so at each instant
 * owner-used = S.total - S.available - L (floor 0) and borrower-used = I.total - I.available of the
 * interruptible reservations I whose source is S, observed at the same instant. S carries the
 * capacity (reserved = S.total, used = owner-used + borrower-used); I carries none and only records
 * what it borrowed.
 */
final class Observation {

  /** What an observation finds wrong with its listing, to be weighted by the time it covers. */
  record Finding(String check, Long affectedCount, String detail) {}

  final Listing listing;
  /** How often its scope's snapshot listed the reservation at this instant. */
  final int scopeListings;
  long intervalEndUs;
  /** The reservation's next observation when the same scope made it, else null. */
  Long nextInScopeUs;

  /** total - available when billable and the counts make sense, else 0. */
  int inUse;
  int reservedCount;
  long usedCount;
  int lentCount;
  long borrowerUsedCount;
  int borrowedCount;
  List<Finding> findings = List.of();

  private Observation(Listing listing, int scopeListings) {
    this.listing = listing;
    this.scopeListings = scopeListings;
  }

  /**
   * Within one scope a reservation is listed once; more (pages that overlap) is reported, and the
   * listing that counts the most capacity and use is kept, so cost is never understated. A shared
   * reservation is listed by its owner's scope and by every consumer's scope that is ingested: of
   * an instant's listings the owner's counts, else the smallest account's.
   */
  private static final Comparator<Listing> LISTINGS_OF_AN_INSTANT = Comparator
      .comparingLong(Listing::observedUs)
      .thenComparing(listing -> listing.ownersListing() ? 0 : 1)
      .thenComparing(Listing::scopeAccountId)
      .thenComparing(Listing::region)
      .thenComparing(Listing::totalInstanceCount, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(Listing::availableInstanceCount, Comparator.nullsLast(Comparator.naturalOrder()));

  /** One reservation's listings (any order) as its observations in time order, intervals set. */
  static List<Observation> of(List<Listing> listingsOfReservation, long maxCarryMicros) {
    List<Listing> listings = new ArrayList<>(listingsOfReservation);
    listings.sort(LISTINGS_OF_AN_INSTANT);
    Map<ScopeInstant, Integer> scopeListings = new HashMap<>();
    for (Listing listing : listings) {
      scopeListings.merge(ScopeInstant.of(listing), 1, Integer::sum);
    }
    List<Observation> observations = new ArrayList<>();
    for (Listing listing : listings) {
      if (observations.isEmpty() || observations.get(observations.size() - 1).listing.observedUs() != listing.observedUs()) {
        observations.add(new Observation(listing, scopeListings.get(ScopeInstant.of(listing))));
      }
    }
    for (int i = 0; i < observations.size(); i++) {
      Observation observation = observations.get(i);
      Listing listing = observation.listing;
      Listing next = i + 1 < observations.size() ? observations.get(i + 1).listing : null;
      long end = listing.observedUs() + maxCarryMicros;
      if (next != null) {
        end = Math.min(end, next.observedUs());
        if (next.scopeAccountId().equals(listing.scopeAccountId()) && next.region().equals(listing.region())) {
          observation.nextInScopeUs = next.observedUs();
        }
      }
      if (listing.nextSnapshotUs() != null) {
        end = Math.min(end, listing.nextSnapshotUs());
      }
      observation.intervalEndUs = end;
    }
    return observations;
  }

  /** A scope's listing at an instant. */
  record ScopeInstant(String scopeAccountId, String region, long observedUs) {
    static ScopeInstant of(Listing listing) {
      return new ScopeInstant(listing.scopeAccountId(), listing.region(), listing.observedUs());
    }
  }

  /** A reservation at an instant. */
  record Instant(String provider, String reservationId, long observedUs) {
    static Instant of(Listing listing) {
      return new Instant(listing.provider(), listing.reservationId(), listing.observedUs());
    }

    /** An interruptible reservation's source at the listing's instant. */
    static Instant ofSource(Listing listing) {
      return new Instant(listing.provider(), listing.sourceReservationId(), listing.observedUs());
    }
  }

  /**
   * Sets the counts and findings of a lending group's observations: what the other side of a
   * lending pair showed at the same instant decides a source's borrowed use and whether an
   * interruptible reservation's source was seen.
   */
  static void count(List<Observation> groupObservations) {
    Map<Instant, Long> borrowersInUse = new HashMap<>();
    Set<Instant> sourcesSeen = new HashSet<>();
    for (Observation observation : groupObservations) {
      observation.inUse = observation.listing.billable() && observation.countsValid()
          ? observation.listing.totalInstanceCount() - observation.listing.availableInstanceCount() : 0;
      Listing listing = observation.listing;
      if (listing.interruptible() && listing.sourceReservationId() != null) {
        borrowersInUse.merge(Instant.ofSource(listing), (long) observation.inUse, Long::sum);
      } else if (!listing.interruptible()) {
        sourcesSeen.add(Instant.of(listing));
      }
    }
    for (Observation observation : groupObservations) {
      Listing listing = observation.listing;
      Long borrowers = borrowersInUse.get(Instant.of(listing));
      boolean sourceObserved = listing.interruptible() && listing.sourceReservationId() != null
          && sourcesSeen.contains(Instant.ofSource(listing));
      observation.setCounts(borrowers, sourceObserved);
    }
  }

  private void setCounts(Long borrowersInUse, boolean sourceObserved) {
    boolean borrower = listing.interruptible();
    boolean carriesCapacity = !borrower && listing.billable();
    Integer total = listing.totalInstanceCount();
    lentCount = carriesCapacity ? Math.max(listing.lentInstanceCount() == null ? 0 : listing.lentInstanceCount(), 0) : 0;
    reservedCount = carriesCapacity && total != null && total >= 0 ? total : 0;
    borrowerUsedCount = carriesCapacity && countsValid() ? Math.min(borrowersInUse == null ? 0L : borrowersInUse, lentCount) : 0;
    long ownerUsed = carriesCapacity && countsValid() ? Math.max(inUse - lentCount, 0) : 0;
    usedCount = ownerUsed + borrowerUsedCount;
    borrowedCount = borrower ? inUse : 0;
    findings = findings(borrowersInUse, sourceObserved);
  }

  private boolean countsValid() {
    Integer total = listing.totalInstanceCount();
    Integer available = listing.availableInstanceCount();
    return countsPresent() && available <= total;
  }

  private boolean countsPresent() {
    Integer total = listing.totalInstanceCount();
    Integer available = listing.availableInstanceCount();
    return total != null && available != null && total >= 0 && available >= 0;
  }

  private List<Finding> findings(Long borrowersInUse, boolean sourceObserved) {
    Integer total = listing.totalInstanceCount();
    Integer available = listing.availableInstanceCount();
    boolean borrower = listing.interruptible();
    boolean capacityOwner = !borrower && listing.billable();
    String totalText = total == null ? "missing" : total.toString();
    String availableText = available == null ? "missing" : available.toString();
    List<Finding> found = new ArrayList<>(0);
    if (scopeListings > 1) {
      found.add(new Finding(DataQuality.DUPLICATE_LISTING, (long) reservedCount,
          format("listed %d times in one snapshot of account %s %s; counted once, as total %s, available %s",
              scopeListings, listing.scopeAccountId(), listing.region(), totalText, availableText)));
    }
    if (DataQuality.START_AFTER_END.equals(listing.lifetimeCheck())) {
      found.add(new Finding(DataQuality.START_AFTER_END, (long) reservedCount, listing.lifetimeDetail()));
    }
    if (DataQuality.START_AFTER_SNAPSHOT.equals(listing.lifetimeCheck())) {
      found.add(new Finding(DataQuality.START_AFTER_SNAPSHOT, (long) reservedCount, listing.lifetimeDetail()));
    }
    if (!listing.knownState()) {
      found.add(new Finding(DataQuality.UNKNOWN_STATE, total != null && total >= 0 ? (long) total : null,
          format("state '%s' is not a known %s state; counted as not billable",
              listing.state() == null ? "(missing)" : listing.state(), listing.provider())));
    }
    if (!listing.knownReservationType()) {
      found.add(new Finding(DataQuality.UNKNOWN_RESERVATION_TYPE, (long) reservedCount,
          format("reservation_type '%s' is unknown; priced as an ODCR", listing.reservationType())));
    }
    if (listing.billable() && countsPresent() && available > total) {
      found.add(new Finding(DataQuality.AVAILABLE_EXCEEDS_TOTAL, (long) reservedCount,
          format("available_instance_count %d exceeds total_instance_count %d; used counted as 0", available, total)));
    }
    if (listing.billable() && !countsPresent()) {
      found.add(new Finding(DataQuality.INVALID_COUNT, total != null && total >= 0 ? (long) reservedCount : null,
          format("total_instance_count %s, available_instance_count %s; used counted as 0", totalText, availableText)));
    }
    Integer reported = listing.reportedUsedInstanceCount();
    if (capacityOwner && countsValid() && reported != null && reported != inUse) {
      found.add(new Finding(DataQuality.USED_COUNT_MISMATCH, (long) Math.abs(reported - inUse),
          format("%s reports %d instances in use but total - available is %d; used counted as %d",
              listing.provider(), reported, inUse, inUse)));
    }
    if (capacityOwner && countsValid() && borrowersInUse != null && borrowersInUse > lentCount) {
      found.add(new Finding(DataQuality.BORROWED_EXCEEDS_LENT, borrowersInUse - lentCount,
          format("interruptible reservations use %d instances but %d are lent; borrowed use capped at %d",
              borrowersInUse, lentCount, lentCount)));
    }
    if (capacityOwner && lentCount > 0 && borrowersInUse == null) {
      found.add(new Finding(DataQuality.UNPAIRED_LENDING, (long) lentCount,
          format("lends %d instances but no interruptible reservation with this source was observed "
              + "at the same snapshot; lent instances counted as idle", lentCount)));
    }
    if (borrower && !sourceObserved) {
      found.add(new Finding(DataQuality.UNPAIRED_LENDING, (long) inUse,
          format("source reservation %s was not observed at the same snapshot; this interruptible "
              + "reservation's use is not charged back",
              listing.sourceReservationId() == null ? "(missing)" : listing.sourceReservationId())));
    }
    return found.isEmpty() ? List.of() : Collections.unmodifiableList(found);
  }

  /** As Spark's format_string formats: java.util.Formatter in Locale.US. */
  static String format(String pattern, Object... args) {
    return String.format(Locale.US, pattern, args);
  }
}
