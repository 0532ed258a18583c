package dev.caplens.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organisation's hour-by-hour numbers add up to the daily figures README.md states. Each
 * hourly snapshot covers exactly one hour, so a day's instance-hours are sums over its 24
 * snapshots; only billable states count and a capacity block counts inside its window only.
 */
class SampleOrganisationTest {

  private static final LocalDate DAY_ONE = LocalDate.parse("2026-11-20");
  private static final LocalDate DAY_TWO = LocalDate.parse("2026-11-21");

  private final SampleOrganisation org = new SampleOrganisation();

  @Test
  void snapshotsAreHourlyOverTwoDays() {
    List<Instant> times = org.snapshotTimes();

    assertThat(times).hasSize(48);
    assertThat(times.get(0)).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(times.get(47)).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
    assertThat(times.stream().filter(SampleOrganisation::isBusinessHour)).hasSize(24);
    assertThatThrownBy(() -> org.capacityReservations(Instant.parse("2026-11-22T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ec2DailyInstanceHoursMatchTheReadme() {
    // reservation -> {reserved, used (owner-used + borrower-used for a source), lent, borrowed, explained by InstanceUsages}
    assertThat(ec2Day(DAY_ONE)).isEqualTo(Map.of(
        "cr-0a11c0de000000001", List.of(240, 132, 0, 0, 132),
        "cr-0a11c0de000000002", List.of(96, 24, 0, 0, 24),
        "cr-0a11c0de000000003", List.of(192, 90, 72, 0, 48),
        "cr-0a11c0de000000004", List.of(0, 0, 0, 42, 42),
        "cr-0a11c0de000000005", List.of(26, 26, 0, 0, 26),
        "cr-0e11c0de000000006", List.of(144, 120, 0, 0, 96),
        "cr-0e11c0de000000007", List.of(24, 0, 0, 0, 0)));
    assertThat(ec2Day(DAY_TWO)).isEqualTo(Map.of(
        "cr-0a11c0de000000001", List.of(240, 132, 0, 0, 132),
        "cr-0a11c0de000000002", List.of(96, 24, 0, 0, 24),
        "cr-0a11c0de000000003", List.of(192, 96, 96, 0, 48),
        "cr-0a11c0de000000004", List.of(0, 0, 0, 48, 48),
        "cr-0a11c0de000000005", List.of(22, 22, 0, 0, 22),
        "cr-0e11c0de000000006", List.of(36, 30, 0, 0, 24),
        "cr-0e11c0de000000007", List.of(24, 0, 0, 0, 0)));
  }

  @Test
  void outpostDailySlotHoursMatchTheReadme() {
    assertThat(outpostDay(DAY_ONE)).isEqualTo(Map.of("m5.xlarge", List.of(156, 144), "c5.2xlarge", List.of(132, 48)));
    assertThat(outpostDay(DAY_TWO)).isEqualTo(Map.of("m5.xlarge", List.of(192, 144), "c5.2xlarge", List.of(96, 48)));
  }

  @Test
  void privatePoolsMatchTheReadme() {
    List<PrivatePool> pools = org.privatePools(Instant.parse("2026-11-20T12:00:00Z"),
        SampleOrganisation.ALIYUN_OWNER_ACCOUNT, SampleOrganisation.CN_HANGZHOU);

    assertThat(pools).flatExtracting(PrivatePool::allocatedResources)
        .extracting(AllocatedResource::zoneId, AllocatedResource::totalAmount, AllocatedResource::usedAmount,
            AllocatedResource::availableAmount)
        .containsExactly(
            tuple("cn-hangzhou-h", 10, 6, 4),
            tuple("cn-hangzhou-i", 4, 4, 0),
            tuple("cn-hangzhou-j", 4, 1, 3));
    assertThat(org.poolInstanceIds(pools.get(0))).hasSize(6).doesNotHaveDuplicates();
    assertThat(org.poolInstanceIds(pools.get(1))).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void usageNeverExceedsWhatIsInUse() {
    for (Instant t : org.snapshotTimes()) {
      for (ReservationObservation o : org.capacityReservations(t)) {
        ReservationState s = o.state();
        int lent = s.lending() == null ? 0 : s.lending().instanceCount();
        int inUse = s.totalInstanceCount() - s.availableInstanceCount() - lent;
        int explained = s.instanceUsages().stream().mapToInt(InstanceUsage::usedInstanceCount).sum();
        assertThat(s.availableInstanceCount()).as("%s at %s", o.reservation().id(), t).isBetween(0, s.totalInstanceCount());
        assertThat(explained).as("%s at %s", o.reservation().id(), t).isLessThanOrEqualTo(inUse);
      }
    }
  }

  @Test
  void pricesShipAsCsv(@TempDir Path dir) throws IOException {
    Path written = org.writePrices(dir.resolve("nested/prices.csv"));

    List<String> lines = Files.readAllLines(written, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("provider,region,instance_type,platform,pricing_model,hourly_rate,currency");
    assertThat(lines).hasSize(10)
        .contains("aws,us-east-1,p5.48xlarge,*,capacity-block,31.464,USD", "aliyun,cn-hangzhou,ecs.c7.xlarge,*,on-demand,1.12,CNY")
        .noneMatch(line -> line.contains("x2idn.16xlarge"));
    try (var in = org.openPrices()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(written));
    }
  }

  /** Per reservation: reserved, used, lent and borrowed instance-hours of one UTC day, as DESIGN.md defines them. */
  private Map<String, List<Integer>> ec2Day(LocalDate day) {
    Map<String, int[]> sums = new TreeMap<>();
    for (Instant t : org.snapshotTimes()) {
      if (!t.atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
        continue;
      }
      List<ReservationObservation> all = org.capacityReservations(t);
      for (ReservationObservation o : all) {
        CapacityReservation r = o.reservation();
        ReservationState s = o.state();
        int[] sum = sums.computeIfAbsent(r.id(), id -> new int[5]);
        boolean billable = s.state().equals("active")
            && !t.isBefore(r.startDate()) && (r.endDate() == null || t.isBefore(r.endDate()));
        if (!billable) {
          continue;
        }
        int borrowerUsed = s.totalInstanceCount() - s.availableInstanceCount();
        if (r.interruptible()) {
          sum[3] += borrowerUsed;
          sum[4] += explained(s);
          continue;
        }
        int lent = s.lending() == null ? 0 : s.lending().instanceCount();
        int ownerUsed = Math.max(0, s.totalInstanceCount() - s.availableInstanceCount() - lent);
        int borrowed = s.lending() == null ? 0 : all.stream()
            .filter(b -> b.reservation().id().equals(s.lending().interruptibleReservationId()))
            .mapToInt(b -> b.state().totalInstanceCount() - b.state().availableInstanceCount()).sum();
        sum[0] += s.totalInstanceCount();
        sum[1] += ownerUsed + borrowed;
        sum[2] += lent;
        sum[4] += explained(s);
      }
    }
    Map<String, List<Integer>> result = new TreeMap<>();
    sums.forEach((id, s) -> result.put(id, List.of(s[0], s[1], s[2], s[3], s[4])));
    return result;
  }

  private Map<String, List<Integer>> outpostDay(LocalDate day) {
    Map<String, int[]> sums = new TreeMap<>();
    for (Instant t : org.snapshotTimes()) {
      if (!t.atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
        continue;
      }
      for (OutpostAsset asset : org.outpostAssets(t, "op-0a11c0de000000001")) {
        for (InstanceTypeCount slots : asset.instanceTypeCapacities()) {
          sums.computeIfAbsent(slots.instanceType(), k -> new int[2])[0] += slots.count();
        }
      }
      for (AssetInstance instance : org.assetInstances(t, "op-0a11c0de000000001")) {
        sums.get(instance.instanceType())[1] += 1;
      }
    }
    Map<String, List<Integer>> result = new TreeMap<>();
    sums.forEach((type, s) -> result.put(type, List.of(s[0], s[1])));
    return result;
  }

  private static int explained(ReservationState state) {
    return state.instanceUsages().stream().mapToInt(InstanceUsage::usedInstanceCount).sum();
  }
}
