package dev.caplens.sample.fleet;

import dev.caplens.sample.AllocatedResource;
import dev.caplens.sample.AssetInstance;
import dev.caplens.sample.CapacityBlock;
import dev.caplens.sample.CapacityReservation;
import dev.caplens.sample.CapacityTask;
import dev.caplens.sample.InstanceTypeCount;
import dev.caplens.sample.InstanceUsage;
import dev.caplens.sample.LendingAllocation;
import dev.caplens.sample.Outpost;
import dev.caplens.sample.OutpostAsset;
import dev.caplens.sample.PoolUsage;
import dev.caplens.sample.Price;
import dev.caplens.sample.PrivatePool;
import dev.caplens.sample.ReservationObservation;
import dev.caplens.sample.ReservationState;
import dev.caplens.sample.SampleOrgFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A synthetic organisation of any size, generated deterministically from a {@link FleetSpec}: EC2
 * ODCRs (some shared, some billed to another account, some cancelled or ending inside the
 * period), Capacity Blocks with windows inside the period, lending pairs (a source ODCR and the
 * interruptible reservation it lends to), Outpost slot types and Alibaba private pool resources,
 * in the shares {@link FleetKind} gives. Usage follows the hour of day and the weekday.
 *
 * <p>It speaks the same model as {@link dev.caplens.sample.SampleOrganisation}: what each API would
 * report at a snapshot time, computed on demand from a small plan per reservation, so a year of
 * hourly snapshots of 100k reservations is never held in memory. Each reservation is listed by
 * its owner's scope (owner account x region).
 */
public final class Fleet {

  private static final Duration LISTED_AFTER_END = Duration.ofHours(2);

  /** One EC2 reservation and how it behaves over the period. */
  private record Ec2Plan(int index, FleetKind kind, CapacityReservation reservation, int total,
      double baseUtilisation, String consumer, double consumerShare, boolean unexplainedUse,
      Instant listedFrom, Instant cancelledAt, int lent, Instant lendingFrom, String partnerId) {}

  private record SlotPlan(int index, String instanceType, int slots, double baseUtilisation, String consumer) {}

  private record OutpostPlan(Outpost outpost, String assetId, List<SlotPlan> slots, Instant retiringAt,
      Instant taskCreated) {}

  private record ResourcePlan(int index, String instanceType, String zone, int total, double baseUtilisation,
      String consumer) {}

  private record PoolPlan(String id, String name, String ownerId, String region, Instant startTime,
      Instant endTime, List<ResourcePlan> resources) {}

  private final FleetSpec spec;
  private final List<String> awsAccounts;
  private final List<String> awsRegions;
  private final List<String> aliyunAccounts;
  private final List<String> aliyunRegions;
  private final List<Ec2Plan> ec2 = new ArrayList<>();
  private final Map<String, OutpostPlan> outposts = new LinkedHashMap<>();
  private final List<PoolPlan> pools = new ArrayList<>();
  private final Map<FleetKind, Integer> kindCounts = new EnumMap<>(FleetKind.class);

  private Fleet(FleetSpec spec) {
    this.spec = spec;
    this.awsAccounts = Stream.iterate(0, i -> i + 1).limit(spec.accounts())
        .map(i -> String.format("%012d", 100_000_000_001L + 1_111L * i)).toList();
    this.awsRegions = FleetCatalog.AWS_REGIONS.subList(0, spec.regions());
    this.aliyunAccounts = Stream.iterate(0, i -> i + 1).limit(Math.max(2, spec.accounts() / 4))
        .map(i -> String.format("%016d", 5_100_000_000_000_001L + 7L * i)).toList();
    this.aliyunRegions = FleetCatalog.ALIYUN_REGIONS.subList(0, Math.min(spec.regions(), FleetCatalog.ALIYUN_REGIONS.size()));
  }

  /** Generates the fleet a spec describes; the same spec always gives the same fleet. */
  public static Fleet generate(FleetSpec spec) {
    Fleet fleet = new Fleet(spec);
    fleet.plan();
    return fleet;
  }

  public FleetSpec spec() {
    return spec;
  }

  public List<String> awsAccounts() {
    return awsAccounts;
  }

  public List<String> awsRegions() {
    return awsRegions;
  }

  public List<String> aliyunAccounts() {
    return aliyunAccounts;
  }

  public List<String> aliyunRegions() {
    return aliyunRegions;
  }

  /** Report rows of each kind (an Outpost slot type or pool resource is one row). */
  public Map<FleetKind, Integer> kindCounts() {
    return Collections.unmodifiableMap(kindCounts);
  }

  public List<Instant> snapshotTimes() {
    Duration step = Duration.ofHours(spec.snapshotEveryHours());
    return Stream.iterate(spec.start(), t -> t.isBefore(spec.end()), t -> t.plus(step)).toList();
  }

  // --- what each owner scope lists

  /** The key of an owner scope, one account in one region: what that account's API calls list. */
  public static String scope(String accountId, String region) {
    return accountId + "|" + region;
  }

  /** {@link #capacityReservations} by the owner scope ({@link #scope}) that lists them. */
  public Map<String, List<ReservationObservation>> capacityReservationsByScope(Instant t) {
    return capacityReservations(t).stream()
        .collect(Collectors.groupingBy(o -> scope(o.reservation().ownerId(), o.reservation().region())));
  }

  /** {@link #outposts} by the owner scope that lists them. */
  public Map<String, List<Outpost>> outpostsByScope() {
    return outposts().stream().collect(Collectors.groupingBy(o -> scope(o.ownerId(), o.region())));
  }

  /** {@link #privatePools} by the owner scope that lists them. */
  public Map<String, List<PrivatePool>> privatePoolsByScope(Instant t) {
    return privatePools(t).stream().collect(Collectors.groupingBy(p -> scope(p.ownerId(), p.region())));
  }

  // --- what the APIs report at an instant

  /** Every EC2 capacity reservation listed at {@code t}, in plan order. */
  public List<ReservationObservation> capacityReservations(Instant t) {
    List<ReservationObservation> listed = new ArrayList<>();
    for (Ec2Plan plan : ec2) {
      stateAt(plan, t).ifPresent(state -> listed.add(new ReservationObservation(plan.reservation(), state)));
    }
    return listed;
  }

  /** DescribeCapacityBlocks at {@code t}: one block per capacity-block reservation listed then. */
  public List<CapacityBlock> capacityBlocks(Instant t) {
    List<CapacityBlock> blocks = new ArrayList<>();
    for (Ec2Plan plan : ec2) {
      if (plan.kind() != FleetKind.CAPACITY_BLOCK || t.isBefore(plan.listedFrom())) {
        continue;
      }
      CapacityReservation r = plan.reservation();
      blocks.add(new CapacityBlock(r.capacityBlockId(), r.region(), r.availabilityZone(), r.availabilityZoneId(),
          List.of(r.id()), r.createDate(), r.startDate(), r.endDate(), blockState(r, t), r.tags()));
    }
    return blocks;
  }

  public List<Outpost> outposts() {
    return outposts.values().stream().map(OutpostPlan::outpost).toList();
  }

  /** The Outpost's one compute asset at {@code t}; it turns RETIRING (not billable) at its retiring time. */
  public List<OutpostAsset> outpostAssets(Instant t, String outpostId) {
    OutpostPlan plan = outpost(outpostId);
    String state = plan.retiringAt() != null && !t.isBefore(plan.retiringAt()) ? "RETIRING" : "ACTIVE";
    List<InstanceTypeCount> capacities = plan.slots().stream()
        .map(s -> new InstanceTypeCount(s.instanceType(), s.slots())).toList();
    List<String> families = plan.slots().stream().map(s -> s.instanceType().split("\\.")[0]).distinct().toList();
    return List.of(new OutpostAsset(plan.assetId(), outpostId, "NA" + plan.assetId(), "h-" + plan.assetId(),
        state, families, capacities, 96, 10f));
  }

  /** Instances running on the Outpost at {@code t}, the consumer's first, then the owner's. */
  public List<AssetInstance> assetInstances(Instant t, String outpostId) {
    OutpostPlan plan = outpost(outpostId);
    List<AssetInstance> instances = new ArrayList<>();
    for (SlotPlan slot : plan.slots()) {
      int running = FleetUsage.inUse(spec.seed(), slot.index(), t, slot.slots(), slot.baseUtilisation());
      int consumer = running / 3;
      for (int k = 0; k < running; k++) {
        String account = k < consumer ? slot.consumer() : plan.outpost().ownerId();
        instances.add(new AssetInstance(String.format("i-%05x%06x%06x", prefix(), slot.index(), k),
            slot.instanceType(), plan.assetId(), account, "EC2"));
      }
    }
    return instances;
  }

  /** A capacity task on every fifth Outpost: requested at its creation, completed two hours later. */
  public List<CapacityTask> capacityTasks(Instant t, String outpostId) {
    OutpostPlan plan = outpost(outpostId);
    if (plan.taskCreated() == null || t.isBefore(plan.taskCreated())) {
      return List.of();
    }
    Instant completed = plan.taskCreated().plus(Duration.ofHours(2));
    boolean done = !t.isBefore(completed);
    List<InstanceTypeCount> requested = plan.slots().stream()
        .map(s -> new InstanceTypeCount(s.instanceType(), s.slots())).toList();
    return List.of(new CapacityTask("cap-" + plan.outpost().id().substring(3), outpostId, plan.assetId(), requested,
        done ? "COMPLETED" : "IN_PROGRESS", plan.taskCreated(), done ? completed : null,
        done ? completed : plan.taskCreated(), "WAIT_FOR_EVACUATION"));
  }

  /** Alibaba private pools listed at {@code t}; a pool that ends is Released, then no longer listed. */
  public List<PrivatePool> privatePools(Instant t) {
    List<PrivatePool> listed = new ArrayList<>();
    for (PoolPlan plan : pools) {
      if (t.isBefore(plan.startTime())
          || (plan.endTime() != null && !t.isBefore(plan.endTime().plus(LISTED_AFTER_END)))) {
        continue;
      }
      boolean released = plan.endTime() != null && !t.isBefore(plan.endTime());
      List<AllocatedResource> resources = new ArrayList<>();
      for (ResourcePlan resource : plan.resources()) {
        int used = released ? 0
            : FleetUsage.inUse(spec.seed(), resource.index(), t, resource.total(), resource.baseUtilisation());
        int consumer = used / 3;
        List<PoolUsage> usages = new ArrayList<>();
        if (used - consumer > 0) {
          usages.add(new PoolUsage(plan.ownerId(), "ECS", used - consumer));
        }
        if (consumer > 0) {
          usages.add(new PoolUsage(resource.consumer(), "ECS", consumer));
        }
        resources.add(new AllocatedResource(resource.instanceType(), resource.zone(), resource.total(), usages));
      }
      listed.add(new PrivatePool(plan.id(), plan.name(), plan.ownerId(), plan.region(), "Open",
          released ? "Released" : "Active", plan.startTime(), plan.endTime(),
          plan.endTime() == null ? "Unlimited" : "Limited", "linux", "PostPaid", "rg-fleet" + plan.region(),
          Map.of("team", "fleet"), resources));
    }
    return listed;
  }

  /** A price for every (provider, region, instance type, pricing model) the fleet can use. */
  public List<Price> prices() {
    List<Price> prices = new ArrayList<>();
    for (String region : awsRegions) {
      FleetCatalog.ODCR_TYPES.forEach(type -> prices.add(
          new Price("aws", region, type.name(), "Linux/UNIX", "on-demand", type.rate(), "USD")));
      FleetCatalog.BLOCK_TYPES.forEach(type -> prices.add(
          new Price("aws", region, type.name(), "*", "capacity-block", type.rate(), "USD")));
      FleetCatalog.OUTPOST_TYPES.forEach(type -> prices.add(
          new Price("aws", region, type.name(), "*", "outpost", type.rate(), "USD")));
    }
    for (String region : aliyunRegions) {
      FleetCatalog.POOL_TYPES.forEach(type -> prices.add(
          new Price("aliyun", region, type.name(), "*", "on-demand", type.rate(), "CNY")));
    }
    return prices;
  }

  /** {@link #prices()} as a prices file. */
  public String pricesCsv() {
    return SampleOrgFiles.pricesCsv(prices());
  }

  // --- behaviour of one EC2 reservation

  private Optional<ReservationState> stateAt(Ec2Plan plan, Instant t) {
    CapacityReservation r = plan.reservation();
    if (t.isBefore(plan.listedFrom())) {
      return Optional.empty();
    }
    if (plan.kind() == FleetKind.CAPACITY_BLOCK) {
      String state = blockState(r, t);
      int used = state.equals("active")
          ? FleetUsage.inUse(spec.seed(), plan.index(), t, plan.total(), plan.baseUtilisation()) : 0;
      return Optional.of(new ReservationState(state, plan.total(), plan.total() - used,
          List.of(new InstanceUsage(r.ownerId(), used)), null));
    }
    Instant ended = plan.cancelledAt() != null ? plan.cancelledAt() : r.endDate();
    if (ended != null && !t.isBefore(ended)) {
      if (!t.isBefore(ended.plus(LISTED_AFTER_END))) {
        return Optional.empty();
      }
      String state = plan.cancelledAt() != null ? "cancelled" : "expired";
      return Optional.of(new ReservationState(state, plan.total(), plan.total(),
          List.of(new InstanceUsage(r.ownerId(), 0)), null));
    }
    int lentNow = plan.lendingFrom() != null && !t.isBefore(plan.lendingFrom()) ? plan.lent() : 0;
    if (plan.kind() == FleetKind.INTERRUPTIBLE) {
      int borrowed = FleetUsage.inUse(spec.seed(), plan.index(), t, plan.total(), plan.baseUtilisation());
      return Optional.of(new ReservationState("active", plan.total(), plan.total() - borrowed,
          usages(r.ownerId(), 0, plan.consumer(), borrowed), null));
    }
    int used = FleetUsage.inUse(spec.seed(), plan.index(), t, plan.total() - lentNow, plan.baseUtilisation());
    int consumerUsed = plan.consumer() == null ? 0 : (int) Math.floor(used * plan.consumerShare());
    // A few reservations report fewer InstanceUsages than instances in use, as EC2 sometimes does.
    int ownerExplained = used - consumerUsed - (plan.unexplainedUse() && used - consumerUsed > 0 ? 1 : 0);
    LendingAllocation lending = lentNow == 0 ? null
        : new LendingAllocation(lentNow, lentNow, "active", plan.partnerId(), "adhoc");
    return Optional.of(new ReservationState("active", plan.total(), plan.total() - used - lentNow,
        usages(r.ownerId(), ownerExplained, plan.consumer(), consumerUsed), lending));
  }

  /** InstanceUsages: the owner always, another account while it runs something. */
  private static List<InstanceUsage> usages(String owner, int ownerUsed, String consumer, int consumerUsed) {
    List<InstanceUsage> usages = new ArrayList<>();
    usages.add(new InstanceUsage(owner, ownerUsed));
    if (consumer != null && consumerUsed > 0) {
      usages.add(new InstanceUsage(consumer, consumerUsed));
    }
    return usages;
  }

  private static String blockState(CapacityReservation r, Instant t) {
    if (t.isBefore(r.startDate())) {
      return "scheduled";
    }
    return t.isBefore(r.endDate()) ? "active" : "expired";
  }

  private OutpostPlan outpost(String outpostId) {
    OutpostPlan plan = outposts.get(outpostId);
    if (plan == null) {
      throw new IllegalArgumentException("no outpost " + outpostId + " in the fleet");
    }
    return plan;
  }

  // --- planning

  private void plan() {
    int n = spec.reservations();
    int blocks = Math.max(1, (int) (n * FleetKind.CAPACITY_BLOCK.share()));
    int pairs = Math.max(1, (int) (n * FleetKind.LENDING_SOURCE.share()));
    int slots = Math.max(1, (int) (n * FleetKind.OUTPOST_SLOT.share()));
    int resources = Math.max(1, (int) (n * FleetKind.POOL_RESOURCE.share()));
    int odcrs = n - blocks - 2 * pairs - slots - resources;
    int index = 0;
    for (int i = 0; i < odcrs; i++) {
      ec2.add(odcr(index++, FleetKind.ODCR));
    }
    for (int i = 0; i < pairs; i++) {
      Ec2Plan source = odcr(index++, FleetKind.LENDING_SOURCE);
      Ec2Plan borrower = interruptible(index++, source);
      ec2.add(withPartner(source, borrower.reservation().id()));
      ec2.add(borrower);
    }
    for (int i = 0; i < blocks; i++) {
      ec2.add(capacityBlock(index++));
    }
    index = planOutposts(index, slots);
    planPools(index, resources);
    kindCounts.put(FleetKind.ODCR, odcrs);
    kindCounts.put(FleetKind.LENDING_SOURCE, pairs);
    kindCounts.put(FleetKind.INTERRUPTIBLE, pairs);
    kindCounts.put(FleetKind.CAPACITY_BLOCK, blocks);
    kindCounts.put(FleetKind.OUTPOST_SLOT, slots);
    kindCounts.put(FleetKind.POOL_RESOURCE, resources);
  }

  private Ec2Plan odcr(int index, FleetKind kind) {
    SplittableRandom random = random(index);
    String owner = pick(random, awsAccounts);
    String region = pick(random, awsRegions);
    String zone = region + (char) ('a' + random.nextInt(3));
    FleetCatalog.InstanceType type = pick(random, FleetCatalog.ODCR_TYPES);
    int total = kind == FleetKind.LENDING_SOURCE ? 4 + 2 * random.nextInt(6) : 1 + random.nextInt(random.nextInt(3) == 0 ? 40 : 10);
    boolean shared = random.nextDouble() < 0.3;
    String consumer = shared ? otherAccount(random, owner) : null;
    Instant created = random.nextDouble() < 0.1 ? hourInPeriod(random) : spec.start().minus(Duration.ofDays(30 + random.nextInt(300)));
    Instant cancelled = null;
    Instant end = null;
    double fate = random.nextDouble();
    if (kind == FleetKind.ODCR && fate < 0.05) {
      cancelled = later(random, created);
    } else if (kind == FleetKind.ODCR && fate < 0.12) {
      end = later(random, created);
    }
    CapacityReservation.Builder builder = CapacityReservation.builder(reservationId("cr", index))
        .owner(owner).placement(region, zone, zoneId(region, zone)).instanceType(type.name())
        .created(created).ends(end).tag("team", "team-" + random.nextInt(20));
    if (consumer != null) {
      builder.sharedWith(consumer);
    }
    if (random.nextDouble() < 0.1) {
      builder.unusedCapacityBilledTo(otherAccount(random, owner));
    }
    Instant lendingFrom = kind == FleetKind.LENDING_SOURCE
        ? (random.nextBoolean() ? max(created, spec.start()) : later(random, max(created, spec.start()))) : null;
    return new Ec2Plan(index, kind, builder.build(), total, 0.3 + 0.65 * random.nextDouble(), consumer,
        0.2 + 0.5 * random.nextDouble(), random.nextDouble() < 0.02, created, cancelled,
        kind == FleetKind.LENDING_SOURCE ? total / 2 : 0, lendingFrom, null);
  }

  private static Ec2Plan withPartner(Ec2Plan source, String partnerId) {
    return new Ec2Plan(source.index(), source.kind(), source.reservation(), source.total(),
        source.baseUtilisation(), source.consumer(), source.consumerShare(), source.unexplainedUse(),
        source.listedFrom(), source.cancelledAt(), source.lent(), source.lendingFrom(), partnerId);
  }

  private Ec2Plan interruptible(int index, Ec2Plan source) {
    SplittableRandom random = random(index);
    CapacityReservation s = source.reservation();
    String borrower = otherAccount(random, s.ownerId());
    CapacityReservation reservation = CapacityReservation.builder(reservationId("cr", index))
        .owner(s.ownerId()).sharedWith(borrower)
        .placement(s.region(), s.availabilityZone(), s.availabilityZoneId()).instanceType(s.instanceType())
        .interruptibleFrom(s.id()).created(source.lendingFrom()).tag("team", "borrowers")
        .build();
    return new Ec2Plan(index, FleetKind.INTERRUPTIBLE, reservation, source.lent(), 0.2 + 0.7 * random.nextDouble(),
        borrower, 1.0, false, source.lendingFrom(), null, 0, null, s.id());
  }

  private Ec2Plan capacityBlock(int index) {
    SplittableRandom random = random(index);
    String owner = pick(random, awsAccounts);
    String region = pick(random, awsRegions);
    String zone = region + (char) ('a' + random.nextInt(3));
    FleetCatalog.InstanceType type = pick(random, FleetCatalog.BLOCK_TYPES);
    Instant start = hourInPeriod(random);
    Instant end = start.plus(Duration.ofDays(1 + random.nextInt(7)));
    Instant created = spec.start().minus(Duration.ofDays(1 + random.nextInt(14)));
    CapacityReservation reservation = CapacityReservation.builder(reservationId("cr", index))
        .owner(owner).placement(region, zone, zoneId(region, zone)).instanceType(type.name())
        .capacityBlock(reservationId("cb", index)).created(created, start).ends(end).tag("team", "ml")
        .build();
    return new Ec2Plan(index, FleetKind.CAPACITY_BLOCK, reservation, 1 + random.nextInt(4),
        0.9 + 0.1 * random.nextDouble(), null, 0, false, created, null, 0, null, null);
  }

  private int planOutposts(int index, int slotCount) {
    int made = 0;
    int outpostNumber = 0;
    while (made < slotCount) {
      SplittableRandom random = random(index);
      String owner = pick(random, awsAccounts);
      String region = pick(random, awsRegions);
      String zone = region + "a";
      String id = reservationId("op", index);
      Outpost outpost = new Outpost(id, owner, region, zone, zoneId(region, zone), reservationId("os", index),
          "site-" + outpostNumber, "generated rack", Map.of("team", "edge"));
      List<SlotPlan> slots = new ArrayList<>();
      int types = Math.min(2, slotCount - made);
      List<FleetCatalog.InstanceType> catalog = new ArrayList<>(FleetCatalog.OUTPOST_TYPES);
      Collections.shuffle(catalog, new java.util.Random(random.nextLong()));
      for (int k = 0; k < types; k++) {
        slots.add(new SlotPlan(index + k, catalog.get(k).name(), 4 + random.nextInt(13),
            0.3 + 0.6 * random.nextDouble(), otherAccount(random, owner)));
      }
      Instant retiring = random.nextDouble() < 0.1 ? hourInPeriod(random) : null;
      Instant task = outpostNumber % 5 == 0 ? hourInPeriod(random) : null;
      outposts.put(id, new OutpostPlan(outpost, String.format("%010d", 1_000_000_000L + index), slots, retiring, task));
      made += types;
      index += types;
      outpostNumber++;
    }
    return index;
  }

  private void planPools(int index, int resourceCount) {
    int made = 0;
    while (made < resourceCount) {
      SplittableRandom random = random(index);
      String owner = pick(random, aliyunAccounts);
      String region = pick(random, aliyunRegions);
      int count = resourceCount - made >= 2 && random.nextDouble() < 0.3 ? 2 : 1;
      FleetCatalog.InstanceType type = pick(random, FleetCatalog.POOL_TYPES);
      List<ResourcePlan> resources = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        resources.add(new ResourcePlan(index + k, type.name(), region + "-" + (char) ('h' + k),
            2 + random.nextInt(20), 0.3 + 0.6 * random.nextDouble(), otherOf(random, aliyunAccounts, owner)));
      }
      Instant start = random.nextDouble() < 0.1 ? hourInPeriod(random) : spec.start().minus(Duration.ofDays(30));
      Instant end = random.nextDouble() < 0.05 ? later(random, start) : null;
      pools.add(new PoolPlan(String.format("crp-%05x%012x", prefix(), index), "pool-" + index, owner, region,
          start, end, resources));
      made += count;
      index += count;
    }
  }

  private SplittableRandom random(int index) {
    return new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
  }

  private int prefix() {
    return (int) (spec.seed() & 0xFFFFF);
  }

  /** {@code cr-}, {@code cb-}, {@code op-}, {@code os-} + 17 hex digits, as the AWS id patterns want. */
  private String reservationId(String kind, int index) {
    return String.format("%s-%05x%012x", kind, prefix(), index);
  }

  private static String zoneId(String region, String zone) {
    return region.replace("-", "").substring(0, 4) + "-az" + (zone.charAt(zone.length() - 1) - 'a' + 1);
  }

  private Instant hourInPeriod(SplittableRandom random) {
    return spec.start().plus(Duration.ofHours(random.nextInt(spec.days() * 24)));
  }

  /** An hour after {@code from} inside the period (the period's last hour when none is left). */
  private Instant later(SplittableRandom random, Instant from) {
    Instant earliest = max(from, spec.start()).plus(Duration.ofHours(1));
    long hoursLeft = Duration.between(earliest, spec.end()).toHours();
    return hoursLeft <= 0 ? spec.end().minus(Duration.ofHours(1)) : earliest.plus(Duration.ofHours(random.nextLong(hoursLeft)));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private String otherAccount(SplittableRandom random, String account) {
    return otherOf(random, awsAccounts, account);
  }

  private static String otherOf(SplittableRandom random, List<String> accounts, String account) {
    String other = pick(random, accounts);
    return other.equals(account) ? accounts.get((accounts.indexOf(account) + 1) % accounts.size()) : other;
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
