package dev.caplens.sample.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.sample.AllocatedResource;
import dev.caplens.sample.ReservationObservation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated fleet is a function of its spec, has every kind in its share, and behaves like a fleet. */
class FleetTest {

  // 2026-11-16 is a Monday: the week holds five weekdays and a weekend.
  private static final FleetSpec WEEK = FleetSpec.hourly(42, 1_000, 12, 3, LocalDate.parse("2026-11-16"), 7);

  private final Fleet fleet = Fleet.generate(WEEK);

  @Test
  void sameSpecGivesTheSameFleetAndAnotherSeedAnotherOne() {
    Fleet again = Fleet.generate(WEEK);
    Fleet other = Fleet.generate(new FleetSpec(43, 1_000, 12, 3, WEEK.firstDay(), 7, 1));
    for (Instant t : List.of(WEEK.start(), WEEK.start().plusSeconds(3600 * 37), WEEK.end().minusSeconds(3600))) {
      assertThat(again.capacityReservations(t)).isEqualTo(fleet.capacityReservations(t));
      assertThat(again.privatePools(t)).isEqualTo(fleet.privatePools(t));
      String outpost = fleet.outposts().get(0).id();
      assertThat(again.assetInstances(t, outpost)).isEqualTo(fleet.assetInstances(t, outpost));
    }
    assertThat(other.capacityReservations(WEEK.start())).isNotEqualTo(fleet.capacityReservations(WEEK.start()));
  }

  @Test
  void everyKindInItsShareAndTheCountsAddUpToTheSpec() {
    Map<FleetKind, Integer> counts = fleet.kindCounts();
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
    // 1,000 x share, rounded down; the ODCRs take the remainder: 1000 - 50 - 2 x 50 - 70 - 100 = 680.
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
        FleetKind.ODCR, 680, FleetKind.CAPACITY_BLOCK, 50, FleetKind.LENDING_SOURCE, 50,
        FleetKind.INTERRUPTIBLE, 50, FleetKind.OUTPOST_SLOT, 70, FleetKind.POOL_RESOURCE, 100));
    int slots = fleet.outposts().stream()
        .mapToInt(o -> fleet.outpostAssets(WEEK.start(), o.id()).get(0).instanceTypeCapacities().size()).sum();
    assertThat(slots).isEqualTo(70);
    int resources = fleet.privatePools(WEEK.end().minusSeconds(3600 * 30)).stream()
        .mapToInt(p -> p.allocatedResources().size()).sum();
    assertThat(resources).isBetween(80, 100);   // a few pools start later or have been released
  }

  @Test
  void reservationsAreSpreadOverTheAccountsAndRegions() {
    List<ReservationObservation> listed = fleet.capacityReservations(WEEK.start().plusSeconds(3600 * 50));
    Set<String> owners = listed.stream().map(o -> o.reservation().ownerId()).collect(Collectors.toSet());
    Set<String> regions = listed.stream().map(o -> o.reservation().region()).collect(Collectors.toSet());
    assertThat(owners).hasSize(12);
    assertThat(regions).containsExactlyInAnyOrder("us-east-1", "eu-west-1", "us-west-2");
    assertThat(listed.stream().map(o -> o.reservation().id()).distinct().count()).isEqualTo(listed.size());
  }

  @Test
  void usageIsHigherInBusinessHoursAndOnWeekdays() {
    // Monday 14:00 vs Monday 02:00 vs Saturday 14:00 (2026-11-21).
    int weekdayBusiness = used(Instant.parse("2026-11-16T14:00:00Z"));
    int weekdayNight = used(Instant.parse("2026-11-16T02:00:00Z"));
    int weekendBusiness = used(Instant.parse("2026-11-21T14:00:00Z"));
    assertThat(weekdayBusiness).isGreaterThan(weekdayNight * 3 / 2);
    assertThat(weekdayBusiness).isGreaterThan(weekendBusiness * 4 / 3);
  }

  @Test
  void statesChangeOverTheWeek() {
    Set<String> states = new HashSet<>();
    Set<String> lendingSources = new HashSet<>();
    for (Instant t : fleet.snapshotTimes()) {
      for (ReservationObservation o : fleet.capacityReservations(t)) {
        states.add(o.state().state());
        if (o.state().lending() != null) {
          lendingSources.add(o.reservation().id());
        }
        assertThat(o.state().availableInstanceCount()).isBetween(0, o.state().totalInstanceCount());
      }
    }
    assertThat(states).contains("active", "cancelled", "expired", "scheduled");
    assertThat(lendingSources).hasSize(50);
    assertThat(fleet.snapshotTimes()).hasSize(7 * 24);
  }

  @Test
  void poolUsageNeverExceedsTheResource() {
    for (Instant t : List.of(WEEK.start(), Instant.parse("2026-11-18T12:00:00Z"))) {
      fleet.privatePools(t).stream().flatMap(p -> p.allocatedResources().stream())
          .forEach(r -> assertThat(r.usedAmount()).isBetween(0, r.totalAmount()));
    }
  }

  @Test
  void everyUsedInstanceTypeHasAPrice() {
    Set<String> priced = fleet.prices().stream()
        .map(p -> p.provider() + "|" + p.region() + "|" + p.instanceType()).collect(Collectors.toSet());
    fleet.capacityReservations(WEEK.start().plusSeconds(3600 * 60)).forEach(o -> assertThat(priced)
        .contains("aws|" + o.reservation().region() + "|" + o.reservation().instanceType()));
    fleet.privatePools(WEEK.start()).forEach(p -> p.allocatedResources().stream().map(AllocatedResource::instanceType)
        .forEach(type -> assertThat(priced).contains("aliyun|" + p.region() + "|" + type)));
  }

  @Test
  void badSpecsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> FleetSpec.hourly(1, 5, 12, 3, WEEK.firstDay(), 7))
        .hasMessageContaining("reservations must be at least 20").hasMessageContaining("was 5");
    assertThatThrownBy(() -> new FleetSpec(1, 100, 12, 3, WEEK.firstDay(), 7, 5))
        .hasMessageContaining("snapshotEveryHours must divide 24, was 5");
  }

  private int used(Instant t) {
    Function<ReservationObservation, Integer> inUse =
        o -> o.state().totalInstanceCount() - o.state().availableInstanceCount();
    return fleet.capacityReservations(t).stream()
        .filter(o -> o.state().state().equals("active") && o.state().lending() == null
            && !o.reservation().interruptible() && o.reservation().capacityBlockId() == null)
        .mapToInt(inUse::apply).sum();
  }
}
