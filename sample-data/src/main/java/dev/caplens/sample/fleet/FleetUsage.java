package dev.caplens.sample.fleet;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How busy a generated reservation is at an instant: a base utilisation scaled down off hours
 * (outside 08:00-19:59 UTC) and at weekends, plus a little deterministic noise per hour, so the
 * same seed, reservation and hour always give the same count.
 */
final class FleetUsage {

  static final double OFF_HOURS_FACTOR = 0.45;
  static final double WEEKEND_FACTOR = 0.6;
  private static final double NOISE = 0.1;

  private FleetUsage() {}

  static boolean isBusinessHour(Instant t) {
    int hour = t.atZone(ZoneOffset.UTC).getHour();
    return hour >= 8 && hour <= 19;
  }

  static boolean isWeekend(Instant t) {
    DayOfWeek day = t.atZone(ZoneOffset.UTC).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  /** Instances in use out of {@code capacity}, never below 0 or above capacity. */
  static int inUse(long seed, int reservationIndex, Instant t, int capacity, double baseUtilisation) {
    if (capacity <= 0) {
      return 0;
    }
    double utilisation = baseUtilisation
        * (isBusinessHour(t) ? 1.0 : OFF_HOURS_FACTOR)
        * (isWeekend(t) ? WEEKEND_FACTOR : 1.0)
        + NOISE * (2 * unit(seed, reservationIndex, t.getEpochSecond() / 3600) - 1);
    long used = Math.round(capacity * utilisation);
    return (int) Math.max(0, Math.min(capacity, used));
  }

  /** A uniform number in [0, 1) from the three keys (SplitMix64 finaliser). */
  static double unit(long seed, long key, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
