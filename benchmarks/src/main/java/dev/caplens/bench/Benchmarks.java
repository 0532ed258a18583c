package dev.caplens.bench;

import dev.caplens.ingest.IngestRunner;
import dev.caplens.ingest.RunManifest;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.jobs.CaplensCli;
import dev.caplens.jobs.FleetSnapshots;
import dev.caplens.jobs.SparkSessions;
import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.fleet.Fleet;
import dev.caplens.sample.fleet.FleetCloud;
import dev.caplens.sample.fleet.FleetSpec;
import dev.caplens.sample.server.ApiCall;
import dev.caplens.sample.server.CloudService;
import dev.caplens.sample.server.SampleCloudServer;
import dev.caplens.sample.server.TokenBucket;
import dev.caplens.transform.DayRange;
import dev.caplens.transform.SnapshotCompactor;
import dev.caplens.transform.TransformParams;
import dev.caplens.transform.TransformRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness (docs/benchmarks.md): generates fleets, writes them into warehouses and
 * prints a table of figures. B1 full recompute, Spark vs DuckDB on the same snapshot files with
 * the figures cross-checked; B2 one nightly day with 30 vs 365 days of history; B3 {@code caplens
 * ingest} against the loopback API server under a token-bucket rate limit; B4 end to end for one
 * day of hourly snapshots, as nightly runs it (compact the day, transform, report).
 */
@Command(name = "caplens-benchmarks", mixinStandardHelpOptions = true,
    description = "Print caplens's scale figures (B1, B2, B3, B4).")
public final class Benchmarks implements Callable<Integer> {

  static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-05");
  private static final long SEED = 20261201L;
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final String COMPACTED_SETUP = "compacted-setup-complete";

  @Option(names = "--only", split = ",", defaultValue = "B1,B2,B3,B4", description = "Benchmarks to run (default: ${DEFAULT-VALUE}).")
  List<String> only;

  @Option(names = "--b1", split = ",", defaultValue = "42x1,420x1,2000x7",
      description = "B1 sizes as RESERVATIONSxDAYS of hourly snapshots (default: ${DEFAULT-VALUE}).")
  List<String> b1Sizes;

  @Option(names = "--b1-layouts", split = ",", defaultValue = "files,compacted",
      description = "B1 snapshot layouts, each timed: 'files' as ingest publishes them (one per table, scope and "
          + "snapshot time), 'compacted' after 'caplens compact' (default: ${DEFAULT-VALUE}).")
  List<String> b1Layouts;

  @Option(names = "--b1-reuse",
      description = "Time B1 on the compacted warehouse an earlier '--b1-layouts compacted' run of the same size left in "
          + "--work, instead of writing and compacting it again (the fleet is seeded: the same size is the same "
          + "snapshots). Only with '--b1-layouts compacted'.")
  boolean b1Reuse;

  @Option(names = "--b2-reservations", defaultValue = "1000", description = "B2 fleet size (default: ${DEFAULT-VALUE}).")
  int b2Reservations;

  @Option(names = "--b2-history", split = ",", defaultValue = "30,365",
      description = "B2 days of history, shortest first (default: ${DEFAULT-VALUE}).")
  List<Integer> b2History;

  @Option(names = "--b3-reservations", defaultValue = "100000", description = "B3 fleet size (default: ${DEFAULT-VALUE}).")
  int b3Reservations;

  @Option(names = "--b3-burst", defaultValue = "100", description = "B3 EC2 rate limit: requests at once (default: ${DEFAULT-VALUE}).")
  int b3Burst;

  @Option(names = "--b3-refill", defaultValue = "20",
      description = "B3 EC2 rate limit: requests added per second (default: ${DEFAULT-VALUE}).")
  double b3Refill;

  @Option(names = "--b4-reservations", defaultValue = "10000", description = "B4 fleet size (default: ${DEFAULT-VALUE}).")
  int b4Reservations;

  @Option(names = "--repeat", defaultValue = "2", description = "Timed runs per measurement; the best is kept (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--work", defaultValue = "target/bench", description = "Working directory (default: ${DEFAULT-VALUE}).")
  Path work;

  private final FiguresTable figures = new FiguresTable();

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmarks()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long[] ticksAtStart = CpuClock.machineTicks();
    Files.createDirectories(work);
    // B3 runs no Spark: it neither starts a session nor carries one in its heap figures.
    boolean sparkBenchmarks = only.contains("B1") || only.contains("B2") || only.contains("B4");
    SparkSession spark = sparkBenchmarks ? SparkSessions.getOrCreate("caplens-benchmarks") : null;
    if (only.contains("B1")) {
      for (String size : b1Sizes) {
        String[] parts = size.split("x");
        fullRecompute(spark, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    }
    if (only.contains("B2")) {
      incrementalNightly();
    }
    if (only.contains("B3")) {
      rateLimitedIngest(b3Reservations);
    }
    if (only.contains("B4")) {
      endToEnd(b4Reservations);
    }
    System.out.println();
    System.out.println(machine(ticksAtStart));
    System.out.println();
    System.out.print(figures.markdown());
    return 0;
  }

  // --- B1

  private void fullRecompute(SparkSession spark, int reservations, int days) throws Exception {
    FleetSpec spec = FleetSpec.hourly(SEED, reservations, accountsFor(reservations), regionsFor(reservations), FIRST_DAY, days);
    String name = "b1-" + reservations + "x" + days;
    Path compactedSetup = work.resolve(name).resolve(COMPACTED_SETUP);
    if (b1Reuse) {
      reuseCompacted(spark, spec, compactedSetup);
      return;
    }
    Path dir = fresh(name);
    Fleet fleet = Fleet.generate(spec);
    String prices = FleetSnapshots.writePrices(fleet, dir.resolve("prices.csv")).toString();
    long writeStart = System.nanoTime();
    FleetSnapshots.Written written = FleetSnapshots.write(fleet, Warehouse.open(dir.resolve("warehouse").toString()));
    String size = String.format("%d reservations x %d days hourly = %,d observation rows", reservations, days,
        written.reservationRows());
    figures.add("B1", size, "write snapshots (setup)", FiguresTable.seconds(System.nanoTime() - writeStart), "");
    String warehouse = dir.resolve("warehouse").toString();
    for (String layout : b1Layouts) {
      switch (layout) {
        case "files" -> recompute(spark, spec, dir, prices, size + ", files as ingested");
        case "compacted" -> {
          long compactStart = System.nanoTime();
          SnapshotCompactor.Result compacted = SnapshotCompactor.compact(warehouse,
              spark.sparkContext().hadoopConfiguration(), DayRange.of(spec.firstDay().minusDays(1), spec.lastDay()),
              Runtime.getRuntime().availableProcessors(), line -> { });
          figures.add("B1", size, "compact snapshots (setup)", FiguresTable.seconds(System.nanoTime() - compactStart)
              + String.format(" (%,d files into %,d)", compacted.filesReplaced(), compacted.compacted()), "");
          Files.writeString(compactedSetup, size);
          recompute(spark, spec, dir, prices, size + ", compacted");
        }
        default -> throw new IllegalArgumentException("--b1-layouts: unknown layout '" + layout
            + "' (files, compacted)");
      }
    }
  }

  /**
   * B1 on a warehouse an earlier run wrote and compacted: at 50M+ rows writing and compacting take
   * longer than the transform's first stages, and a transform that failed (out of disk, say) can be
   * timed again without them. The marker is written only once compaction finished, and holds the
   * size line that run printed.
   */
  private void reuseCompacted(SparkSession spark, FleetSpec spec, Path compactedSetup) throws Exception {
    if (!b1Layouts.equals(List.of("compacted"))) {
      throw new IllegalArgumentException("--b1-reuse times the compacted layout only: give --b1-layouts compacted");
    }
    if (!Files.exists(compactedSetup)) {
      throw new IllegalArgumentException("--b1-reuse: no compacted warehouse of " + spec.reservations() + "x"
          + spec.days() + " in " + work + " (" + compactedSetup + " is written when a run's compaction finishes)");
    }
    String size = Files.readString(compactedSetup);
    figures.add("B1", size, "write and compact snapshots (setup)", "reused: an earlier run's", "");
    recompute(spark, spec, compactedSetup.getParent(), compactedSetup.resolveSibling("prices.csv").toString(),
        size + ", compacted");
  }

  /** Both engines over the warehouse's snapshots as they lie now, and their figures cross-checked. */
  private void recompute(SparkSession spark, FleetSpec spec, Path dir, String prices, String size) throws Exception {
    String warehouse = dir.resolve("warehouse").toString();
    TransformParams params = TransformParams.defaults();

    Timing spark1 = best(() -> TransformRunner.run(spark, warehouse, spec.firstDay(), spec.lastDay(), prices, params));
    // Recorded now, not after DuckDB: at the largest sizes a run that dies later still leaves it.
    figures.add("B1", size, "caplens Spark transform (all marts)", FiguresTable.seconds(spark1.wallNanos()), "");
    DuckDbMarts.Output duckOut = new DuckDbMarts.Output(dir.resolve("duckdb-reservation-daily.parquet"),
        dir.resolve("duckdb-account-usage-daily.parquet"));
    Timing duck;
    List<DuckDbMarts.ReservationDay> duckReservationDays;
    List<DuckDbMarts.AccountDay> duckAccountDays;
    try (DuckDbMarts duckdb = new DuckDbMarts()) {
      duck = best(() -> {
        duckdb.run(dir.resolve("warehouse"), Path.of(prices), spec.firstDay(), spec.lastDay(), params.lookbackDays(),
            params.maxCarryMicros(), duckOut);
        return null;
      });
      duckReservationDays = duckdb.reservationDays(duckOut);
      duckAccountDays = duckdb.accountDays(duckOut);
    }
    figures.add("B1", size, "DuckDB equivalent SQL (reservation and account marts)",
        FiguresTable.seconds(duck.wallNanos()), "");
    figures.add("B1", size, "Spark / DuckDB time", FiguresTable.ratio((double) spark1.wallNanos() / duck.wallNanos()),
        "<= 3 at the largest size");
    figures.add("B1", size, "CPU time of the same runs, Spark / DuckDB", FiguresTable.seconds(spark1.cpuNanos())
        + " / " + FiguresTable.seconds(duck.cpuNanos()), "");
    figures.add("B1", size, "figures cross-checked", MartCrossCheck.compare(spark, warehouse, spec.firstDay(),
        spec.lastDay(), duckReservationDays, duckAccountDays), "equal");
  }

  // --- B2

  private void incrementalNightly() throws Exception {
    Map<Integer, Long> nightly = new TreeMap<>();
    for (int historyDays : b2History) {
      FleetSpec spec = FleetSpec.hourly(SEED, b2Reservations, accountsFor(b2Reservations), regionsFor(b2Reservations),
          FIRST_DAY, historyDays + 1);
      Fleet fleet = Fleet.generate(spec);
      Path dir = fresh("b2-" + historyDays);
      String warehouse = dir.resolve("warehouse").toString();
      String prices = FleetSnapshots.writePrices(fleet, dir.resolve("prices.csv")).toString();
      LocalDate newDay = spec.lastDay();
      // History at a nightly ingest cadence (one snapshot a day), the new day hourly.
      List<Instant> times = fleet.snapshotTimes().stream()
          .filter(t -> !day(t).isBefore(newDay) || t.atZone(ZoneOffset.UTC).getHour() == 0).toList();
      long setup = System.nanoTime();
      FleetSnapshots.write(fleet, Warehouse.open(warehouse), times);
      requireOk(CaplensCli.execute("transform", "--warehouse", warehouse, "--from", FIRST_DAY.toString(),
          "--to", newDay.minusDays(1).toString(), "--prices", prices));
      String size = String.format("%d reservations, %d days of history", b2Reservations, historyDays);
      figures.add("B2", size, "history snapshots + marts (setup)", FiguresTable.seconds(System.nanoTime() - setup), "");
      Path report = dir.resolve("report");
      Timing best = best(() -> {
        requireOk(CaplensCli.execute("transform", "--warehouse", warehouse, "--from", newDay.toString(),
            "--to", newDay.toString(), "--prices", prices));
        requireOk(CaplensCli.execute("report", "--warehouse", warehouse, "--from", newDay.toString(),
            "--to", newDay.toString(), "--out", report.toString()));
        return null;
      });
      nightly.put(historyDays, best.wallNanos());
      figures.add("B2", size, "transform + report of the new day", FiguresTable.seconds(best.wallNanos()), "");
      figures.add("B2", size, "CPU time of that run", FiguresTable.seconds(best.cpuNanos()), "");
    }
    List<Long> times = new ArrayList<>(nightly.values());
    figures.add("B2", b2History.get(b2History.size() - 1) + " vs " + b2History.get(0) + " days",
        "longest / shortest history", FiguresTable.ratio((double) times.get(times.size() - 1) / times.get(0)), "<= 1.2");
  }

  // --- B3

  /** EC2's largest page for DescribeCapacityReservations, GetCapacityReservationUsage and DescribeCapacityBlocks. */
  private static final int EC2_MAX_PAGE = 1000;

  /** Ingest of a small fleet without a limit first, so the timed run does not load the SDK, Hadoop and Parquet classes. */
  private static final int B3_WARM_UP_RESERVATIONS = 200;

  private void rateLimitedIngest(int reservations) throws Exception {
    ingestThroughServer(B3_WARM_UP_RESERVATIONS, null);
    FleetSpec spec = fleetSpec(reservations);
    FleetCloud cloud = FleetCloud.at(Fleet.generate(spec), b3Hour(spec));
    int scopes = cloud.awsAccounts().size() * cloud.awsRegions().size();
    Ec2CallFloor floor = Ec2CallFloor.of(scopes, cloud.fleet().capacityReservationsByScope(cloud.snapshotTime()), EC2_MAX_PAGE);
    String size = String.format("%,d reservations (%,d EC2), %d scopes, %d burst + %s/s", reservations,
        floor.reservations(), scopes, b3Burst, FiguresTable.ratio(b3Refill));
    long heldBefore = PeakMemory.usedHeapMb();
    PeakMemory.reset();
    Ingested ingested = ingestThroughServer(cloud, new TokenBucket(b3Burst, b3Refill));
    long peakHeap = PeakMemory.peakHeapMb();
    long wall = ingested.wallNanos();
    SampleCloudServer server = ingested.server();
    List<ApiCall> throttled = server.throttledCalls();
    Map<String, Long> answered = server.calls().stream().filter(c -> !throttled.contains(c))
        .collect(Collectors.groupingBy(c -> c.service() + " " + c.action(), TreeMap::new, Collectors.counting()));
    long ec2Answered = answered.entrySet().stream().filter(e -> e.getKey().startsWith("EC2 "))
        .mapToLong(Map.Entry::getValue).sum();
    double bound = Math.max(0, (floor.calls() - b3Burst) / b3Refill);
    RunManifest manifest = readManifest(work.resolve("b3-" + reservations).resolve("warehouse"));

    figures.add("B3", size, "EC2 calls answered", String.format("%,d (%s)", ec2Answered, ec2Breakdown(answered)),
        "= minimum");
    figures.add("B3", size, "EC2 calls minimum", String.format("%,d (listing %,d, usage %,d, blocks %,d)",
        floor.calls(), floor.listingPages(), floor.usageCalls(), floor.blockPages()), "");
    figures.add("B3", size, "RequestLimitExceeded refusals", String.format("%,d", throttled.size()), "");
    figures.add("B3", size, "STS AssumeRole calls (not limited)",
        String.format("%,d", answered.getOrDefault("STS AssumeRole", 0L)), "1 per scope");
    figures.add("B3", size, "reservation rows published",
        String.format("%,d of %,d listed", manifest.totalRows(), floor.reservations()), "all");
    figures.add("B3", size, "wall time of caplens ingest", FiguresTable.seconds(wall), "");
    figures.add("B3", size, "rate-limit bound (minimum - burst) / refill", String.format("%.2f s", bound), "");
    figures.add("B3", size, "wall / bound", bound > 0 ? FiguresTable.ratio(wall / 1e9 / bound) : "n/a (bound 0)",
        "<= 1.1");
    figures.add("B3", size, "peak heap (ingest and the loopback server in one JVM)", peakHeap + " MB",
        "<= 512 MB at 100k");
    figures.add("B3", size, "heap held before ingest (fleet and server, after GC)", heldBefore + " MB", "");
  }

  private static FleetSpec fleetSpec(int reservations) {
    return FleetSpec.hourly(SEED, reservations, accountsFor(reservations), regionsFor(reservations), FIRST_DAY, 1);
  }

  /** The fleet's state at noon of its day: one snapshot time is all an ingest reads. */
  private static Instant b3Hour(FleetSpec spec) {
    return spec.start().plus(Duration.ofHours(12));
  }

  /** A finished ingest run: the (closed) server, whose calls stay readable, and the run's wall time. */
  private record Ingested(SampleCloudServer server, long wallNanos) {}

  private Ingested ingestThroughServer(int reservations, TokenBucket ec2Limit) throws Exception {
    FleetSpec spec = fleetSpec(reservations);
    return ingestThroughServer(FleetCloud.at(Fleet.generate(spec), b3Hour(spec)), ec2Limit);
  }

  /**
   * Runs {@code caplens ingest --provider aws} in this JVM against a loopback server serving
   * {@code cloud}, EC2 limited by {@code ec2Limit} (none when null); the SDK finds the server and the
   * base credentials through its system properties, as it would through AWS_ENDPOINT_URL and
   * AWS_ACCESS_KEY_ID.
   */
  private Ingested ingestThroughServer(FleetCloud cloud, TokenBucket ec2Limit) throws Exception {
    Path dir = fresh("b3-" + cloud.fleet().spec().reservations());
    Path config = writeIngestConfig(cloud, dir);
    try (SampleCloudServer server = SampleCloudServer.start(cloud, EC2_MAX_PAGE)) {
      server.useSnapshot(cloud.snapshotTime());
      if (ec2Limit != null) {
        server.limitRate(CloudService.EC2, ec2Limit);
      }
      AwsAccount base = cloud.awsAccounts().get(0);
      Map<String, String> sdkSettings = Map.of("aws.endpointUrl", server.endpoint().toString(),
          "aws.accessKeyId", base.accessKeyId(), "aws.secretAccessKey", base.secretAccessKey(),
          "aws.region", cloud.awsRegions().get(0));
      sdkSettings.forEach(System::setProperty);
      long started = System.nanoTime();
      try {
        requireOk(CaplensCli.execute("ingest", "--provider", "aws", "--config", config.toString(),
            "--snapshot-time", cloud.snapshotTime().toString()));
      } finally {
        sdkSettings.keySet().forEach(System::clearProperty);
      }
      return new Ingested(server, System.nanoTime() - started);
    }
  }

  /** A config reading every account of the fleet through its role, in every region of the fleet. */
  private static Path writeIngestConfig(FleetCloud cloud, Path dir) throws Exception {
    StringBuilder yaml = new StringBuilder("warehouse: ").append(dir.resolve("warehouse")).append("\naws:\n")
        .append("  regions: [").append(String.join(", ", cloud.awsRegions())).append("]\n  accounts:\n");
    for (AwsAccount account : cloud.awsAccounts()) {
      yaml.append("    - id: \"").append(account.id()).append("\"\n      role-arn: arn:aws:iam::")
          .append(account.id()).append(":role/caplens-read\n");
    }
    return Files.writeString(dir.resolve("caplens.yaml"), yaml);
  }

  private static String ec2Breakdown(Map<String, Long> answered) {
    return String.format("listing %,d, usage %,d, blocks %,d",
        answered.getOrDefault("EC2 DescribeCapacityReservations", 0L),
        answered.getOrDefault("EC2 GetCapacityReservationUsage", 0L),
        answered.getOrDefault("EC2 DescribeCapacityBlocks", 0L));
  }

  private static RunManifest readManifest(Path warehouse) throws Exception {
    try (var paths = Files.walk(warehouse.resolve("runs"))) {
      Path manifest = paths.filter(p -> p.getFileName().toString().equals("manifest.json")).findFirst()
          .orElseThrow(() -> new IllegalStateException("the ingest left no run manifest under " + warehouse));
      return IngestRunner.json().readValue(manifest.toFile(), RunManifest.class);
    }
  }

  // --- B4

  private void endToEnd(int reservations) throws Exception {
    FleetSpec spec = FleetSpec.hourly(SEED, reservations, accountsFor(reservations), regionsFor(reservations), FIRST_DAY, 1);
    Fleet fleet = Fleet.generate(spec);
    Path dir = fresh("b4-" + reservations);
    String warehouse = dir.resolve("warehouse").toString();
    String day = spec.firstDay().toString();
    List<Instant> times = fleet.snapshotTimes();
    String size = String.format("%,d reservations x 24 hourly snapshots", reservations);
    PeakMemory.reset();
    long cpuAtStart = CpuClock.processCpuNanos();
    long started = System.nanoTime();
    String prices = FleetSnapshots.writePrices(fleet, dir.resolve("prices.csv")).toString();
    FleetSnapshots.Written written = FleetSnapshots.write(fleet, Warehouse.open(warehouse), times);
    long ingested = System.nanoTime();
    long cpuIngested = CpuClock.processCpuNanos();
    // As nightly does after the day: compact it, then transform it.
    requireOk(CaplensCli.execute("compact", "--warehouse", warehouse, "--from", day, "--to", day));
    long compacted = System.nanoTime();
    long cpuCompacted = CpuClock.processCpuNanos();
    requireOk(CaplensCli.execute("transform", "--warehouse", warehouse, "--from", day, "--to", day, "--prices", prices));
    long transformed = System.nanoTime();
    long cpuTransformed = CpuClock.processCpuNanos();
    requireOk(CaplensCli.execute("report", "--warehouse", warehouse, "--from", day, "--to", day,
        "--out", dir.resolve("report").toString()));
    long reported = System.nanoTime();
    long cpuReported = CpuClock.processCpuNanos();
    figures.add("B4", size, String.format("write %,d snapshot rows (ingest without the API)", written.reservationRows()),
        FiguresTable.seconds(ingested - started), "");
    figures.add("B4", size, "compact", FiguresTable.seconds(compacted - ingested), "");
    figures.add("B4", size, "transform", FiguresTable.seconds(transformed - compacted), "");
    figures.add("B4", size, "report", FiguresTable.seconds(reported - transformed), "");
    figures.add("B4", size, "end to end", FiguresTable.seconds(reported - started), "<= 60 s");
    figures.add("B4", size, "CPU time of write / compact / transform / report", String.join(" / ",
        FiguresTable.seconds(cpuIngested - cpuAtStart), FiguresTable.seconds(cpuCompacted - cpuIngested),
        FiguresTable.seconds(cpuTransformed - cpuCompacted), FiguresTable.seconds(cpuReported - cpuTransformed)), "");
    figures.add("B4", size, "peak heap", PeakMemory.peakHeapMb() + " MB", "");
  }

  // --- helpers

  /** Wall and process CPU time of one run. */
  record Timing(long wallNanos, long cpuNanos) {}

  /** The fastest of {@code --repeat} runs, by wall time, with that run's CPU time. */
  private Timing best(Callable<?> run) throws Exception {
    Timing best = null;
    for (int i = 0; i < Math.max(1, repeat); i++) {
      long cpu = CpuClock.processCpuNanos();
      long start = System.nanoTime();
      run.call();
      Timing timing = new Timing(System.nanoTime() - start, CpuClock.processCpuNanos() - cpu);
      if (best == null || timing.wallNanos() < best.wallNanos()) {
        best = timing;
      }
    }
    return best;
  }

  private static void requireOk(int exitCode) {
    if (exitCode != 0) {
      throw new IllegalStateException("caplens exited with " + exitCode);
    }
  }

  static int accountsFor(int reservations) {
    return Math.min(10, Math.max(2, reservations / 200));
  }

  static int regionsFor(int reservations) {
    return Math.min(3, Math.max(1, reservations / 2000));
  }

  private Path fresh(String name) throws Exception {
    Path dir = work.resolve(name);
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static String machine(long[] ticksAtStart) {
    Runtime runtime = Runtime.getRuntime();
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    OptionalDouble stolen = CpuClock.stealShare(ticksAtStart, CpuClock.machineTicks());
    String steal = stolen.isPresent()
        ? String.format("; CPU stolen by the hypervisor during the run %.0f %%", 100 * stolen.getAsDouble())
        : "";
    return String.format("Machine: %d cores, max heap %d MB, Java %s, %s; load average at the end %.1f",
        runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), load)
        + steal + "; finished " + Instant.now();
  }
}
