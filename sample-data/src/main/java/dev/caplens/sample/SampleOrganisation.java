package dev.caplens.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small fictional organisation on every system caplens covers, observed hourly from
 * 2026-11-20T00:00Z to 2026-11-21T23:00Z. Each method answers what the cloud would report at a
 * snapshot time; {@code sample-data/README.md} derives the daily figures from exactly these
 * numbers, so a change here must be mirrored there.
 *
 * <p>Business hours are the snapshots at 08:00 to 19:00 UTC (12 a day), off hours the other 12.
 */
public final class SampleOrganisation implements ServedCloud {

  public static final String PLATFORM_ACCOUNT = "111111111111";
  public static final String ML_RESEARCH_ACCOUNT = "222222222222";
  public static final String ANALYTICS_ACCOUNT = "333333333333";
  public static final String US_EAST_1 = "us-east-1";
  public static final String EU_WEST_1 = "eu-west-1";

  public static final String ALIYUN_OWNER_ACCOUNT = "5123456789012345";
  public static final String ALIYUN_SECOND_ACCOUNT = "5987654321098765";
  public static final String CN_HANGZHOU = "cn-hangzhou";

  public static final Instant FIRST_SNAPSHOT = Instant.parse("2026-11-20T00:00:00Z");
  public static final Instant LAST_SNAPSHOT = Instant.parse("2026-11-21T23:00:00Z");

  static final Instant LENDING_STARTS = Instant.parse("2026-11-20T06:00:00Z");
  static final Instant BLOCK_STARTS = Instant.parse("2026-11-20T11:00:00Z");
  static final Instant BLOCK_ENDS = Instant.parse("2026-11-21T11:00:00Z");
  static final Instant EU_REPORTING_CANCELLED = Instant.parse("2026-11-21T06:00:00Z");
  static final Instant EU_REPORTING_GONE = Instant.parse("2026-11-21T08:00:00Z");
  static final Instant TASK_CREATED = Instant.parse("2026-11-20T15:00:00Z");
  static final Instant TASK_STARTED = Instant.parse("2026-11-20T15:45:00Z");
  static final Instant TASK_COMPLETED = Instant.parse("2026-11-20T17:40:00Z");

  private static final List<AwsAccount> AWS_ACCOUNTS = List.of(
      new AwsAccount(PLATFORM_ACCOUNT, "platform", "AKIACAPLENS111111111", "caplens-sample-secret-111111111111"),
      new AwsAccount(ML_RESEARCH_ACCOUNT, "ml-research", "AKIACAPLENS222222222", "caplens-sample-secret-222222222222"),
      new AwsAccount(ANALYTICS_ACCOUNT, "analytics", "AKIACAPLENS333333333", "caplens-sample-secret-333333333333"));

  private static final List<AliyunAccount> ALIYUN_ACCOUNTS = List.of(
      new AliyunAccount(ALIYUN_OWNER_ACCOUNT, "LTAI5tCaplensSample5123", "caplens-sample-secret-5123456789012345"),
      new AliyunAccount(ALIYUN_SECOND_ACCOUNT, null, null));
  /** A RAM user of the pool owner allowed sts:AssumeRole and nothing else. */
  private static final AliyunAccount ALIYUN_ROLE_USER =
      new AliyunAccount(ALIYUN_OWNER_ACCOUNT, "LTAI5tCaplensAssumeOnly", "caplens-sample-secret-assume-only-0001");

  private static final CapacityReservation WEB_FLEET = CapacityReservation.builder("cr-0a11c0de000000001")
      .owner(PLATFORM_ACCOUNT).sharedWith(ML_RESEARCH_ACCOUNT)
      .placement(US_EAST_1, "us-east-1a", "use1-az4").instanceType("m5.large")
      .created(Instant.parse("2026-10-01T00:00:00Z"))
      .tag("Name", "web-fleet").tag("team", "platform")
      .build();

  private static final CapacityReservation BATCH_WORKERS = CapacityReservation.builder("cr-0a11c0de000000002")
      .owner(PLATFORM_ACCOUNT).sharedWith(ANALYTICS_ACCOUNT).unusedCapacityBilledTo(ANALYTICS_ACCOUNT)
      .placement(US_EAST_1, "us-east-1b", "use1-az6").instanceType("c5.xlarge")
      .created(Instant.parse("2026-10-15T00:00:00Z"))
      .tag("Name", "batch-workers").tag("team", "analytics")
      .build();

  private static final CapacityReservation MEMORY_CACHE = CapacityReservation.builder("cr-0a11c0de000000003")
      .owner(PLATFORM_ACCOUNT)
      .placement(US_EAST_1, "us-east-1a", "use1-az4").instanceType("r5.2xlarge")
      .created(Instant.parse("2026-10-01T00:00:00Z"))
      .tag("Name", "memory-cache").tag("team", "platform")
      .build();

  private static final CapacityReservation ML_PREEMPTIBLE = CapacityReservation.builder("cr-0a11c0de000000004")
      .owner(PLATFORM_ACCOUNT).sharedWith(ML_RESEARCH_ACCOUNT)
      .placement(US_EAST_1, "us-east-1a", "use1-az4").instanceType("r5.2xlarge")
      .interruptibleFrom(MEMORY_CACHE.id())
      .created(LENDING_STARTS)
      .tag("Name", "ml-preemptible").tag("team", "ml-research")
      .build();

  private static final CapacityReservation TRAINING_BLOCK = CapacityReservation.builder("cr-0a11c0de000000005")
      .owner(ML_RESEARCH_ACCOUNT).sharedWith(PLATFORM_ACCOUNT)
      .placement(US_EAST_1, "us-east-1e", "use1-az3").instanceType("p5.48xlarge")
      .capacityBlock("cb-0a11c0de000000001")
      .created(Instant.parse("2026-11-15T09:30:00Z"), BLOCK_STARTS).ends(BLOCK_ENDS)
      .tag("Name", "llm-training").tag("team", "ml-research")
      .build();

  private static final CapacityReservation EU_REPORTING = CapacityReservation.builder("cr-0e11c0de000000006")
      .owner(ANALYTICS_ACCOUNT).sharedWith(PLATFORM_ACCOUNT)
      .placement(EU_WEST_1, "eu-west-1a", "euw1-az1").instanceType("m6i.xlarge")
      .created(Instant.parse("2026-09-15T00:00:00Z"))
      .tag("Name", "eu-reporting").tag("team", "analytics")
      .build();

  private static final CapacityReservation EU_IN_MEMORY_DB = CapacityReservation.builder("cr-0e11c0de000000007")
      .owner(PLATFORM_ACCOUNT)
      .placement(EU_WEST_1, "eu-west-1b", "euw1-az2").instanceType("x2idn.16xlarge")
      .created(Instant.parse("2026-11-01T00:00:00Z"))
      .tag("Name", "eu-in-memory-db").tag("team", "platform")
      .build();

  private final List<ReservationTimeline> reservations = List.of(
      new ReservationTimeline(WEB_FLEET, SampleOrganisation::webFleet),
      new ReservationTimeline(BATCH_WORKERS, SampleOrganisation::batchWorkers),
      new ReservationTimeline(MEMORY_CACHE, SampleOrganisation::memoryCache),
      new ReservationTimeline(ML_PREEMPTIBLE, SampleOrganisation::mlPreemptible),
      new ReservationTimeline(TRAINING_BLOCK, SampleOrganisation::trainingBlock),
      new ReservationTimeline(EU_REPORTING, SampleOrganisation::euReporting),
      new ReservationTimeline(EU_IN_MEMORY_DB, SampleOrganisation::euInMemoryDb));

  private static final Outpost FRANKFURT_LAB = new Outpost("op-0a11c0de000000001", PLATFORM_ACCOUNT,
      US_EAST_1, "us-east-1a", "use1-az4", "os-0a11c0de000000001", "site-frankfurt-lab",
      "Lab rack for latency tests", Map.of("team", "platform"));
  private static final String FRANKFURT_HOST_ASSET = "1100000001";
  private static final String M5_XLARGE = "m5.xlarge";
  private static final String C5_2XLARGE = "c5.2xlarge";
  private static final String RESHAPE_TASK = "cap-0a11c0de000000001";

  private static final List<Price> PRICES = List.of(
      price("aws", US_EAST_1, "m5.large", "Linux/UNIX", "on-demand", "0.096", "USD"),
      price("aws", US_EAST_1, "c5.xlarge", "Linux/UNIX", "on-demand", "0.17", "USD"),
      price("aws", US_EAST_1, "r5.2xlarge", "Linux/UNIX", "on-demand", "0.504", "USD"),
      price("aws", US_EAST_1, "p5.48xlarge", "*", "capacity-block", "31.464", "USD"),
      price("aws", EU_WEST_1, "m6i.xlarge", "Linux/UNIX", "on-demand", "0.214", "USD"),
      price("aws", US_EAST_1, M5_XLARGE, "*", "outpost", "0.25", "USD"),
      price("aws", US_EAST_1, C5_2XLARGE, "*", "outpost", "0.44", "USD"),
      price("aliyun", CN_HANGZHOU, "ecs.g7.large", "*", "on-demand", "0.69", "CNY"),
      price("aliyun", CN_HANGZHOU, "ecs.c7.xlarge", "*", "on-demand", "1.12", "CNY"));

  @Override
  public List<Instant> snapshotTimes() {
    return Stream.iterate(FIRST_SNAPSHOT, t -> !t.isAfter(LAST_SNAPSHOT), t -> t.plus(Duration.ofHours(1)))
        .toList();
  }

  public static boolean isBusinessHour(Instant t) {
    int hour = t.atZone(ZoneOffset.UTC).getHour();
    return hour >= 8 && hour <= 19;
  }

  @Override
  public List<AwsAccount> awsAccounts() {
    return AWS_ACCOUNTS;
  }

  /** The account the demo reads everything through: the others share their reservations with it. */
  public AwsAccount demoAccount() {
    return awsAccount(PLATFORM_ACCOUNT);
  }

  public AwsAccount awsAccount(String accountId) {
    return AWS_ACCOUNTS.stream().filter(a -> a.id().equals(accountId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no AWS account " + accountId + " in the sample organisation"));
  }

  @Override
  public List<String> awsRegions() {
    return List.of(US_EAST_1, EU_WEST_1);
  }

  @Override
  public List<AliyunAccount> aliyunAccounts() {
    return ALIYUN_ACCOUNTS;
  }

  /** The Alibaba account that owns the private pools and has an access key. */
  public AliyunAccount aliyunAccount() {
    return ALIYUN_ACCOUNTS.get(0);
  }


  /** The read-only RAM role of an Alibaba account, with docs/ram-policy.json attached. */
  public String aliyunReadRole(String accountId) {
    return "acs:ram::" + accountId + ":role/caplens-read";
  }

  /**
   * The least-privilege way in: a RAM user whose AccessKey may only assume {@link #aliyunReadRole}
   * (the sample ECS API refuses it any other call).
   */
  @Override
  public Optional<AliyunAccount> assumeOnlyAliyunUser() {
    return Optional.of(ALIYUN_ROLE_USER);
  }

  @Override
  public List<String> aliyunRegions() {
    return List.of(CN_HANGZHOU);
  }

  /** Every EC2 capacity reservation that exists at {@code t}, in id order. */
  public List<ReservationObservation> capacityReservations(Instant t) {
    requireSnapshotTime(t);
    List<ReservationObservation> observations = new ArrayList<>();
    for (ReservationTimeline timeline : reservations) {
      timeline.stateAt().apply(t)
          .ifPresent(state -> observations.add(new ReservationObservation(timeline.reservation(), state)));
    }
    return observations;
  }

  /** What DescribeCapacityReservations lists to {@code accountId} in {@code region} at {@code t}. */
  public List<ReservationObservation> capacityReservations(Instant t, String accountId, String region) {
    return capacityReservations(t).stream().filter(o -> o.visibleTo(accountId, region)).toList();
  }

  /** What DescribeCapacityBlocks lists to {@code accountId} in {@code region} at {@code t}. */
  public List<CapacityBlock> capacityBlocks(Instant t, String accountId, String region) {
    return capacityReservations(t, accountId, region).stream()
        .map(ReservationObservation::reservation)
        .filter(r -> r.capacityBlockId() != null)
        .map(r -> new CapacityBlock(r.capacityBlockId(), r.region(), r.availabilityZone(),
            r.availabilityZoneId(), List.of(r.id()), r.createDate(), r.startDate(), r.endDate(),
            blockState(t), r.tags()))
        .toList();
  }

  public List<Outpost> outposts(String accountId, String region) {
    return Stream.of(FRANKFURT_LAB)
        .filter(o -> o.ownerId().equals(accountId) && o.region().equals(region))
        .toList();
  }

  /**
   * The Outpost's compute assets at {@code t}. The capacity task turns two c5.2xlarge slots into
   * m5.xlarge slots; ListAssets shows the new shape once it has completed (the 18:00 snapshot).
   */
  public List<OutpostAsset> outpostAssets(Instant t, String outpostId) {
    requireSnapshotTime(t);
    if (!FRANKFURT_LAB.id().equals(outpostId)) {
      return List.of();
    }
    List<InstanceTypeCount> capacities = t.isBefore(TASK_COMPLETED)
        ? List.of(new InstanceTypeCount(M5_XLARGE, 6), new InstanceTypeCount(C5_2XLARGE, 6))
        : List.of(new InstanceTypeCount(M5_XLARGE, 8), new InstanceTypeCount(C5_2XLARGE, 4));
    return List.of(new OutpostAsset(FRANKFURT_HOST_ASSET, outpostId, "NA0A11C0DE1",
        "h-0a11c0de000000001", "ACTIVE", List.of("m5", "c5"), capacities, 96, 10f));
  }

  /** Instances on the Outpost: m5.xlarge 111 runs 5 and 222 runs 1; c5.2xlarge 111 runs 2, all the time. */
  public List<AssetInstance> assetInstances(Instant t, String outpostId) {
    requireSnapshotTime(t);
    if (!FRANKFURT_LAB.id().equals(outpostId)) {
      return List.of();
    }
    List<AssetInstance> instances = new ArrayList<>();
    addAssetInstances(instances, M5_XLARGE, PLATFORM_ACCOUNT, 5);
    addAssetInstances(instances, M5_XLARGE, ML_RESEARCH_ACCOUNT, 1);
    addAssetInstances(instances, C5_2XLARGE, PLATFORM_ACCOUNT, 2);
    return instances;
  }

  private static void addAssetInstances(List<AssetInstance> instances, String instanceType, String accountId, int count) {
    for (int i = 0; i < count; i++) {
      String instanceId = String.format("i-0a11c0de%09d", 1001 + instances.size());
      instances.add(new AssetInstance(instanceId, instanceType, FRANKFURT_HOST_ASSET, accountId, "EC2"));
    }
  }

  /** Capacity tasks of the Outposts {@code accountId} sees in {@code region}, as of {@code t}. */
  public List<CapacityTask> capacityTasks(Instant t, String accountId, String region) {
    requireSnapshotTime(t);
    if (outposts(accountId, region).isEmpty() || t.isBefore(TASK_CREATED)) {
      return List.of();
    }
    List<InstanceTypeCount> requested =
        List.of(new InstanceTypeCount(M5_XLARGE, 8), new InstanceTypeCount(C5_2XLARGE, 4));
    String status;
    Instant completed = null;
    Instant lastModified;
    if (t.isBefore(TASK_STARTED)) {
      status = "REQUESTED";
      lastModified = TASK_CREATED;
    } else if (t.isBefore(TASK_COMPLETED)) {
      status = "IN_PROGRESS";
      lastModified = TASK_STARTED;
    } else {
      status = "COMPLETED";
      completed = TASK_COMPLETED;
      lastModified = TASK_COMPLETED;
    }
    return List.of(new CapacityTask(RESHAPE_TASK, FRANKFURT_LAB.id(), FRANKFURT_HOST_ASSET, requested,
        status, TASK_CREATED, completed, lastModified, "WAIT_FOR_EVACUATION"));
  }

  /** Alibaba private pools {@code accountId} owns in {@code region}; they do not change over the two days. */
  public List<PrivatePool> privatePools(Instant t, String accountId, String region) {
    requireSnapshotTime(t);
    if (!ALIYUN_OWNER_ACCOUNT.equals(accountId) || !CN_HANGZHOU.equals(region)) {
      return List.of();
    }
    Instant poolsStart = Instant.parse("2026-11-01T00:00:00Z");
    PrivatePool webPool = new PrivatePool("crp-bp1a11c0de0000001", "web-pool", ALIYUN_OWNER_ACCOUNT,
        CN_HANGZHOU, "Open", "Active", poolsStart, null, "Unlimited", "linux", "PostPaid",
        "rg-acfmcaplens00001", Map.of("team", "platform"),
        List.of(new AllocatedResource("ecs.g7.large", "cn-hangzhou-h", 10, List.of(
            new PoolUsage(ALIYUN_OWNER_ACCOUNT, "ECS", 4),
            new PoolUsage(ALIYUN_SECOND_ACCOUNT, "ECS", 2)))));
    PrivatePool batchPool = new PrivatePool("crp-bp1a11c0de0000002", "batch-pool", ALIYUN_OWNER_ACCOUNT,
        CN_HANGZHOU, "Open", "Active", poolsStart, null, "Unlimited", "linux", "PostPaid",
        "rg-acfmcaplens00001", Map.of("team", "analytics"),
        List.of(
            new AllocatedResource("ecs.c7.xlarge", "cn-hangzhou-i", 4, List.of(
                new PoolUsage(ALIYUN_OWNER_ACCOUNT, "ECS", 4))),
            new AllocatedResource("ecs.c7.xlarge", "cn-hangzhou-j", 4, List.of(
                new PoolUsage(ALIYUN_SECOND_ACCOUNT, "ECS", 1)))));
    return List.of(webPool, batchPool);
  }

  /** The instances running in a pool (DescribeCapacityReservationInstances): one id per used slot. */
  public List<String> poolInstanceIds(PrivatePool pool) {
    String poolSerial = pool.id().substring(pool.id().length() - 1);
    int used = pool.allocatedResources().stream().mapToInt(AllocatedResource::usedAmount).sum();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= used; i++) {
      ids.add(String.format("i-bp1a11c0de%s%06d", poolSerial, i));
    }
    return ids;
  }

  public List<Price> prices() {
    return PRICES;
  }

  /** The committed wire reply at {@code layoutPath}, read from {@code sample-org/} on the classpath. */
  @Override
  public Optional<String> reply(String layoutPath) {
    String resource = "/" + SampleOrgLayout.ROOT + "/" + layoutPath;
    try (InputStream in = SampleOrganisation.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** prices.csv as shipped under sample-org/ on the classpath. */
  public InputStream openPrices() {
    InputStream in = SampleOrganisation.class.getResourceAsStream("/" + SampleOrgLayout.ROOT + "/" + SampleOrgLayout.PRICES);
    if (in == null) {
      throw new IllegalStateException("prices.csv is missing from the classpath under " + SampleOrgLayout.ROOT);
    }
    return in;
  }

  /** Copies prices.csv to {@code file} (creating parent directories) and returns it. */
  public Path writePrices(Path file) {
    try (InputStream in = openPrices()) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write prices to " + file, e);
    }
  }

  /** Fails on an instant that is not one of the 48 hourly snapshots. */
  public void requireSnapshotTime(Instant t) {
    if (t.isBefore(FIRST_SNAPSHOT) || t.isAfter(LAST_SNAPSHOT) || t.getEpochSecond() % 3600 != 0 || t.getNano() != 0) {
      throw new IllegalArgumentException("no sample snapshot at " + t + ": snapshots are hourly from "
          + FIRST_SNAPSHOT + " to " + LAST_SNAPSHOT);
    }
  }

  // --- hour-by-hour behaviour of each EC2 reservation; README.md computes the daily figures from these.

  /** cr-1: business hours 111 runs 6 and 222 runs 2; off hours 111 runs 3. */
  private static Optional<ReservationState> webFleet(Instant t) {
    return isBusinessHour(t)
        ? active(10, 2, usage(PLATFORM_ACCOUNT, 6), usage(ML_RESEARCH_ACCOUNT, 2))
        : active(10, 7, usage(PLATFORM_ACCOUNT, 3));
  }

  /** cr-2: 333 runs 1 all day; idle capacity is billed to 333. */
  private static Optional<ReservationState> batchWorkers(Instant t) {
    return active(4, 3, usage(PLATFORM_ACCOUNT, 0), usage(ANALYTICS_ACCOUNT, 1));
  }

  /** cr-3: 111 runs 2 all the time; from 06:00 on the first day it lends 4 instances to cr-4. */
  private static Optional<ReservationState> memoryCache(Instant t) {
    if (t.isBefore(LENDING_STARTS)) {
      return active(8, 6, usage(PLATFORM_ACCOUNT, 2));
    }
    LendingAllocation lending = new LendingAllocation(4, 4, "active", ML_PREEMPTIBLE.id(), "adhoc");
    return Optional.of(new ReservationState("active", 8, 2, List.of(usage(PLATFORM_ACCOUNT, 2)), lending));
  }

  /** cr-4: borrows cr-3's 4 lent instances; 222 runs 3 in business hours, 1 off hours. */
  private static Optional<ReservationState> mlPreemptible(Instant t) {
    if (t.isBefore(LENDING_STARTS)) {
      return Optional.empty();
    }
    return isBusinessHour(t)
        ? active(4, 1, usage(PLATFORM_ACCOUNT, 0), usage(ML_RESEARCH_ACCOUNT, 3))
        : active(4, 3, usage(PLATFORM_ACCOUNT, 0), usage(ML_RESEARCH_ACCOUNT, 1));
  }

  /** cr-5: a 24-hour capacity block of 2 p5.48xlarge, fully used by 222 while active. */
  private static Optional<ReservationState> trainingBlock(Instant t) {
    String state = blockState(t);
    int available = state.equals("active") ? 0 : 2;
    int used = 2 - available;
    return Optional.of(new ReservationState(state, 2, available, List.of(usage(ML_RESEARCH_ACCOUNT, used)), null));
  }

  private static String blockState(Instant t) {
    if (t.isBefore(BLOCK_STARTS)) {
      return "scheduled";
    }
    return t.isBefore(BLOCK_ENDS) ? "active" : "expired";
  }

  /**
   * cr-6: 5 of 6 instances used but InstanceUsages explains only 4; cancelled at 06:00 on the
   * second day and no longer listed from 08:00.
   */
  private static Optional<ReservationState> euReporting(Instant t) {
    if (t.isBefore(EU_REPORTING_CANCELLED)) {
      return active(6, 1, usage(ANALYTICS_ACCOUNT, 4));
    }
    if (t.isBefore(EU_REPORTING_GONE)) {
      return Optional.of(new ReservationState("cancelled", 6, 6, List.of(usage(ANALYTICS_ACCOUNT, 0)), null));
    }
    return Optional.empty();
  }

  /** cr-7: never used, and deliberately missing from prices.csv. */
  private static Optional<ReservationState> euInMemoryDb(Instant t) {
    return active(1, 1, usage(PLATFORM_ACCOUNT, 0));
  }

  private static Optional<ReservationState> active(int total, int available, InstanceUsage... usages) {
    return Optional.of(new ReservationState("active", total, available, List.of(usages), null));
  }

  private static InstanceUsage usage(String accountId, int used) {
    return new InstanceUsage(accountId, used);
  }

  private static Price price(String provider, String region, String instanceType, String platform,
      String pricingModel, String hourlyRate, String currency) {
    return new Price(provider, region, instanceType, platform, pricingModel, new BigDecimal(hourlyRate), currency);
  }

  private record ReservationTimeline(
      CapacityReservation reservation, Function<Instant, Optional<ReservationState>> stateAt) {}
}
