package dev.caplens.sample.fleet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What to generate: {@code reservations} report rows (EC2 reservations, Outpost slot types and
 * Alibaba pool resources together) across {@code accounts} AWS accounts and {@code regions} AWS
 * regions, observed every {@code snapshotEveryHours} hours over {@code days} UTC days from
 * {@code firstDay}. The same spec and seed always give the same fleet.
 */
public record FleetSpec(long seed, int reservations, int accounts, int regions, LocalDate firstDay, int days,
    int snapshotEveryHours) {

  public static final int MAX_REGIONS = FleetCatalog.AWS_REGIONS.size();

  public FleetSpec {
    require(reservations >= 20, "reservations must be at least 20 (one of every kind), was " + reservations);
    require(accounts >= 2, "accounts must be at least 2 (sharing needs two), was " + accounts);
    require(regions >= 1 && regions <= MAX_REGIONS, "regions must be 1.." + MAX_REGIONS + ", was " + regions);
    require(firstDay != null, "firstDay is null");
    require(days >= 1, "days must be at least 1, was " + days);
    require(snapshotEveryHours >= 1 && 24 % snapshotEveryHours == 0,
        "snapshotEveryHours must divide 24, was " + snapshotEveryHours);
  }

  /** Hourly snapshots. */
  public static FleetSpec hourly(long seed, int reservations, int accounts, int regions, LocalDate firstDay, int days) {
    return new FleetSpec(seed, reservations, accounts, regions, firstDay, days, 1);
  }

  public Instant start() {
    return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The end of the last day (exclusive). */
  public Instant end() {
    return firstDay.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public LocalDate lastDay() {
    return firstDay.plusDays(days - 1L);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
