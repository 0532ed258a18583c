package dev.caplens.transform;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything the marts need from one lending group (a reservation, or a source ODCR with the
 * interruptible reservations that borrow from it), worked out in one pass over its listings and
 * usage rows in time order: the observations and their intervals, the lending counts, the UTC
 * days each observation covers, and per reservation and day the instance-microseconds, the
 * latest attributes, the accounts' split, the data-quality findings and the intervals.
 *
 * <p>Plain Java on one group's rows at a time. The same steps as Spark operators (a window for
 * the listings of an instant, one for the carry-forward, joins for the lending pairs and the
 * usage rows, an explosion into days, aggregations and windows for each mart) copied every wide
 * row at each of them; a group's rows are few and fit in memory (docs/benchmarks.md, twelfth pass).
 */
final class ReservationTimeline {

  /** A piece: the part of one UTC day one observation covers (often 0). */
  record Piece(Observation observation, long day, long pieceUs) {

    Listing listing() {
      return observation.listing;
    }

    long dayStartUs() {
      return day * DayRange.DAY_MICROS;
    }

    /** Where the covered part starts; with pieceUs it ends the piece. */
    long startUs() {
      return Math.max(coveredFrom(listing()), dayStartUs());
    }
  }

  /** A reservation-day's figures, before coverage and prices. */
  record ReservationDay(Listing latest, long day, long reservedIus, long usedIus, long lentIus, long borrowerIus,
      long borrowedIus, boolean hasInterval, Set<Scope> scopes) {}

  record Scope(String accountId, String region) {}

  record AccountDay(String provider, String reservationId, long day, String accountId, long accountIus) {}

  /** One data-quality row before hours and the detail's suffix (DataQuality). */
  record FindingDay(String provider, String accountId, String region, String reservationId, long day, String check, Long ius,
      long observations, long firstUs, String firstDetail) {}

  /** One row of reservation_intervals before hours: pieces merged while they touch and agree. */
  record Interval(Piece first, long startUs, long endUs, int observations) {

    long day() {
      return first.day();
    }
  }

  /** The usage row of a scope's snapshot: an account's instances running in a reservation. */
  record Usage(String provider, String reservationId, String scopeAccountId, String region, long observedUs, String usageAccountId,
      int usedInstanceCount) {}

  final List<Observation> observations = new ArrayList<>();
  final List<ReservationDay> reservationDays = new ArrayList<>();
  final List<AccountDay> accountDays = new ArrayList<>();
  final List<FindingDay> findingDays = new ArrayList<>();
  final List<Interval> intervals = new ArrayList<>();

  private final long firstDay;
  private final long lastDay;
  private final long maxCarryMicros;

  private ReservationTimeline(long firstDay, long lastDay, long maxCarryMicros) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.maxCarryMicros = maxCarryMicros;
  }

  /** The figures of one lending group's listings and usage rows over the days of a period. */
  static ReservationTimeline of(List<Listing> listings, List<Usage> usages, long firstDay, long lastDay,
      long maxCarryMicros) {
    ReservationTimeline timeline = new ReservationTimeline(firstDay, lastDay, maxCarryMicros);
    Map<List<String>, List<Listing>> byReservation = new LinkedHashMap<>();
    for (Listing listing : listings) {
      byReservation.computeIfAbsent(List.of(listing.provider(), listing.reservationId()), id -> new ArrayList<>())
          .add(listing);
    }
    for (List<Listing> ofReservation : byReservation.values()) {
      timeline.observations.addAll(Observation.of(ofReservation, maxCarryMicros));
    }
    Observation.count(timeline.observations);
    Map<Observation.Instant, Map<String, Long>> claims = timeline.claims(usages);
    Map<ReservationDayKey, List<Piece>> days = timeline.pieces();
    days.forEach((key, pieces) -> timeline.addDay(key, pieces, claims));
    return timeline;
  }

  record ReservationDayKey(String provider, String reservationId, long day) {}

  /**
   * Each observation's pieces by reservation and day, each day's in time order. An observation is
   * listed on every day its longest possible carry {@code [t, t + max_carry)} reaches, up to the day
   * of the reservation's next observation from the same scope, so that each day knows every
   * observation that could speak for it and the scopes they came from. Past that day it covers
   * nothing and is never the latest: the next one from its scope is listed there instead.
   */
  Map<ReservationDayKey, List<Piece>> pieces() {
    Map<ReservationDayKey, List<Piece>> days = new LinkedHashMap<>();
    for (Observation observation : observations) {
      Listing listing = observation.listing;
      long first = Math.max(epochDay(listing.observedUs()), firstDay);
      long last = Math.min(epochDay(listing.observedUs() + maxCarryMicros - 1), lastDay);
      if (observation.nextInScopeUs != null) {
        last = Math.min(last, epochDay(observation.nextInScopeUs));
      }
      long coveredFrom = coveredFrom(listing);
      long coveredUntil = Math.min(observation.intervalEndUs,
          listing.endUs() == null ? observation.intervalEndUs : listing.endUs());
      for (long day = first; day <= last; day++) {
        long dayStart = day * DayRange.DAY_MICROS;
        long pieceUs = Math.max(0L,
            Math.min(coveredUntil, dayStart + DayRange.DAY_MICROS) - Math.max(coveredFrom, dayStart));
        days.computeIfAbsent(new ReservationDayKey(listing.provider(), listing.reservationId(), day), key -> new ArrayList<>())
            .add(new Piece(observation, day, pieceUs));
      }
    }
    return days;
  }

  private void addDay(ReservationDayKey key, List<Piece> pieces, Map<Observation.Instant, Map<String, Long>> claims) {
    long reserved = 0;
    long used = 0;
    long lent = 0;
    long borrower = 0;
    long borrowed = 0;
    boolean hasInterval = false;
    Piece latest = pieces.get(0);
    Set<Scope> scopes = new LinkedHashSet<>();
    FindingsOfDay findings = new FindingsOfDay(key);
    Map<String, Long> accountIus = new TreeMap<>();
    for (Piece piece : pieces) {
      Observation observation = piece.observation();
      long us = piece.pieceUs();
      reserved += observation.reservedCount * us;
      used += observation.usedCount * us;
      lent += observation.lentCount * us;
      borrower += observation.borrowerUsedCount * us;
      borrowed += observation.borrowedCount * us;
      hasInterval |= us > 0;
      if (piece.listing().observedUs() > latest.listing().observedUs()) {
        latest = piece;
      }
      scopes.add(new Scope(piece.listing().scopeAccountId(), piece.listing().region()));
      if (us > 0) {
        for (Observation.Finding finding : observation.findings) {
          findings.add(piece, finding.check(),
              finding.affectedCount() == null ? null : finding.affectedCount() * us, finding.detail());
        }
        if (!piece.listing().interruptible()) {
          split(piece, claims.getOrDefault(Observation.Instant.of(piece.listing()), Map.of()), accountIus, findings);
        }
      }
    }
    reservationDays.add(new ReservationDay(latest.listing(), key.day(), reserved, used, lent, borrower, borrowed,
        hasInterval, scopes));
    accountIus.forEach((account, ius) -> accountDays.add(new AccountDay(key.provider(), key.reservationId(), key.day(), account, ius)));
    findingDays.addAll(findings.rows());
    intervals.addAll(merged(pieces));
  }

  /**
   * Per observation of a capacity-carrying reservation and consuming account: the instances its
   * usage rows claim. The rows are taken from the scope the observation came from, so a shared
   * reservation seen from two accounts is not counted twice; an interruptible reservation's rows
   * count toward its source, whose rate they are charged at.
   */
  private Map<Observation.Instant, Map<String, Long>> claims(List<Usage> usages) {
    // A reservation has one observation per instant: the listing of the scope that counts.
    Map<Observation.Instant, Observation> observed = new HashMap<>();
    for (Observation observation : observations) {
      observed.put(Observation.Instant.of(observation.listing), observation);
    }
    Map<Observation.Instant, Map<String, Long>> claims = new HashMap<>();
    for (Usage usage : usages) {
      Observation observation =
          observed.get(new Observation.Instant(usage.provider(), usage.reservationId(), usage.observedUs()));
      if (observation == null || usage.usedInstanceCount() <= 0
          || !Objects.equals(observation.listing.scopeAccountId(), usage.scopeAccountId())
          || !Objects.equals(observation.listing.region(), usage.region())) {
        continue;
      }
      Listing listing = observation.listing;
      Observation.Instant charged =
          listing.interruptible() ? Observation.Instant.ofSource(listing) : Observation.Instant.of(listing);
      if (charged.reservationId() != null) {
        claims.computeIfAbsent(charged, key -> new TreeMap<>())
            .merge(usage.usageAccountId(), (long) usage.usedInstanceCount(), Long::sum);
      }
    }
    return claims;
  }

  /** The order of a piece's claims: the largest first, the account id breaking ties. */
  private static final Comparator<Map.Entry<String, Long>> LARGEST_CLAIM_FIRST =
      Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  /**
   * Splits a piece's used instance-microseconds among the accounts that claim them. When the rows
   * explain less than is used, the rest goes to the owner; when they claim more, every claim is
   * scaled by used / claimed. The split is in whole instance-microseconds and sums exactly to the
   * used instance-microseconds: the fraction of a microsecond scaling leaves goes to the largest claim.
   */
  private static void split(Piece piece, Map<String, Long> claimsOfObservation, Map<String, Long> accountIus,
      FindingsOfDay findings) {
    Observation observation = piece.observation();
    long used = observation.usedCount;
    long usedIus = used * piece.pieceUs();
    String owner = observation.listing.ownerAccountId();
    long claimed = claimsOfObservation.values().stream().mapToLong(Long::longValue).sum();
    if (claimsOfObservation.isEmpty()) {
      addPart(accountIus, owner, usedIus);
    } else {
      long divisor = Math.max(claimed, used);
      long shared = 0;
      List<Map.Entry<String, Long>> byClaim = new ArrayList<>(claimsOfObservation.entrySet());
      byClaim.sort(LARGEST_CLAIM_FIRST);
      for (Map.Entry<String, Long> claim : byClaim) {
        long share = wholeShare(claim.getValue(), used, piece.pieceUs(), divisor);
        shared += share;
        addPart(accountIus, claim.getKey(), share);
      }
      addPart(accountIus, claimed > used ? byClaim.get(0).getKey() : owner, usedIus - shared);
    }
    if (used > claimed) {
      findings.add(piece, DataQuality.UNEXPLAINED_USAGE, (used - claimed) * piece.pieceUs(), Observation.format(
          "per-account usage explains %d of %d instances in use; the rest is charged to the owner %s",
          claimed, used, owner));
    } else if (claimed > used) {
      findings.add(piece, DataQuality.USAGE_EXCEEDS_USED, (claimed - used) * piece.pieceUs(), Observation.format(
          "per-account usage claims %d instances but %d are in use; every claim scaled by %d/%d",
          claimed, used, used, claimed));
    }
  }

  private static void addPart(Map<String, Long> accountIus, String accountId, long ius) {
    if (ius > 0) {
      accountIus.merge(accountId, ius, Long::sum);
    }
  }

  /**
   * floor(claimed x used x piece / divisor), all non-negative: in longs while the product fits,
   * else in BigInteger (300,000 instances claimed over a day's microseconds overflow a long).
   */
  static long wholeShare(long claimed, long used, long pieceUs, long divisor) {
    try {
      return Math.multiplyExact(Math.multiplyExact(claimed, used), pieceUs) / divisor;
    } catch (ArithmeticException overflow) {
      return BigInteger.valueOf(claimed).multiply(BigInteger.valueOf(used)).multiply(BigInteger.valueOf(pieceUs))
          .divide(BigInteger.valueOf(divisor)).longValueExact();
    }
  }

  /**
   * A reservation-day's findings, one row per owner account, region and check: the
   * instance-microseconds affected, how many observations found it, and the first one's detail.
   */
  private static final class FindingsOfDay {
    private final ReservationDayKey key;
    private final Map<List<String>, FindingDay> rows = new LinkedHashMap<>();

    FindingsOfDay(ReservationDayKey key) {
      this.key = key;
    }

    void add(Piece piece, String check, Long ius, String detail) {
      Listing listing = piece.listing();
      rows.merge(List.of(listing.ownerAccountId(), listing.region(), check),
          new FindingDay(key.provider(), listing.ownerAccountId(), listing.region(), key.reservationId(), key.day(), check, ius, 1,
              listing.observedUs(), detail),
          FindingsOfDay::combined);
    }

    private static FindingDay combined(FindingDay a, FindingDay b) {
      FindingDay first = b.firstUs() < a.firstUs() ? b : a;
      Long ius = a.ius() == null ? b.ius() : b.ius() == null ? a.ius() : Long.valueOf(a.ius() + b.ius());
      return new FindingDay(a.provider(), a.accountId(), a.region(), a.reservationId(), a.day(), a.check(), ius,
          a.observations() + b.observations(), first.firstUs(), first.firstDetail());
    }

    List<FindingDay> rows() {
      return List.copyOf(rows.values());
    }
  }

  /** What an interval holds constant: two touching pieces that agree on all of it merge. */
  private static final List<Function<Observation, Object>> STATE = List.of(
      o -> o.listing.ownerAccountId(), o -> o.listing.billingOwnerAccountId(), o -> o.listing.reservationKind(),
      o -> o.listing.region(), o -> o.listing.availabilityZone(), o -> o.listing.instanceType(),
      o -> o.listing.platform(), o -> o.listing.state(), o -> o.listing.billable(),
      o -> o.listing.totalInstanceCount(), o -> o.listing.availableInstanceCount(), o -> o.reservedCount,
      o -> o.usedCount, o -> o.lentCount, o -> o.borrowedCount);

  /**
   * The day's pieces that cover time, consecutive ones merged while they touch (the first ends
   * where the second starts) and agree on every attribute and count; a gap or any change starts a
   * new interval. An hourly ingest of a reservation that does not change is one interval a day.
   */
  private static List<Interval> merged(List<Piece> pieces) {
    List<Piece> covering = new ArrayList<>(pieces.stream().filter(piece -> piece.pieceUs() > 0).toList());
    covering.sort(Comparator.comparingLong(Piece::startUs));
    List<Interval> merged = new ArrayList<>();
    Interval open = null;
    for (Piece piece : covering) {
      long start = piece.startUs();
      long end = start + piece.pieceUs();
      if (open != null && open.endUs() == start && sameState(open.first().observation(), piece.observation())) {
        open = new Interval(open.first(), open.startUs(), end, open.observations() + 1);
      } else {
        if (open != null) {
          merged.add(open);
        }
        open = new Interval(piece, start, end, 1);
      }
    }
    if (open != null) {
      merged.add(open);
    }
    return merged;
  }

  private static boolean sameState(Observation a, Observation b) {
    for (Function<Observation, Object> value : STATE) {
      if (!Objects.equals(value.apply(a), value.apply(b))) {
        return false;
      }
    }
    return true;
  }

  /** Where an observation starts to cover: its instant, or the reservation's start if later. */
  private static long coveredFrom(Listing listing) {
    return listing.startUs() == null ? listing.observedUs() : Math.max(listing.observedUs(), listing.startUs());
  }

  /** floor(micros / day): the UTC epoch day of an instant. */
  static long epochDay(long epochMicros) {
    return Math.floorDiv(epochMicros, DayRange.DAY_MICROS);
  }
}
