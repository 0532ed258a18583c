package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import dev.caplens.ingest.snapshot.SnapshotTables;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.fleet.Fleet;
import dev.caplens.sample.fleet.FleetSpec;
import dev.caplens.transform.DayRange;
import dev.caplens.transform.MartReader;
import dev.caplens.transform.MartTable;
import dev.caplens.transform.SnapshotCompactor;
import dev.caplens.transform.SnapshotReader;
import dev.caplens.transform.TransformParams;
import dev.caplens.transform.TransformRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caplens compact} on a generated fleet: two warehouses with the same snapshots, one
 * compacted, must give identical marts whatever happens after (late and re-ingested snapshots,
 * compactions that died at each step), and the compacted one must hold one file per table and
 * partition.
 */
class CompactionTest {

  private static final LocalDate FIRST = LocalDate.parse("2026-11-20");
  private static final LocalDate LAST = LocalDate.parse("2026-11-21");
  private static final FleetSpec SPEC = FleetSpec.hourly(11, 40, 3, 2, FIRST, 2);

  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  static SparkSession spark;
  static Fleet fleet;
  static String prices;
  static Path loose;
  static List<String> expected;

  /** The warehouse as ingest left it, never compacted, and its marts: what every test compares with. */
  @BeforeAll
  static void looseWarehouse() {
    spark = SparkSessions.getOrCreate("caplens-compaction");
    fleet = Fleet.generate(SPEC);
    prices = FleetSnapshots.writePrices(fleet, shared.resolve("prices.csv")).toString();
    loose = shared.resolve("loose");
    FleetSnapshots.write(fleet, Warehouse.open(loose.toString()));
    expected = marts(loose);
  }

  @Test
  void theFleetWriterLeavesNoStagingDirectoriesBehind() throws IOException {
    // One staging directory a snapshot time (48 here) would otherwise pile up, as ingest's would.
    Path staging = loose.resolve("_staging");
    try (Stream<Path> left = Files.exists(staging) ? Files.list(staging) : Stream.empty()) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aCompactedWarehouseHoldsOneFilePerPartitionAndGivesTheSameMarts() throws IOException {
    Path compacted = copyOf(loose);
    long publishedFiles = files(compacted.resolve("snapshots"), "part-").size();

    Run run = compact(compacted, FIRST, LAST);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(files(compacted.resolve("snapshots"), "part-")).isEmpty();
    List<Path> partitions = partitions(compacted);
    // Every table of both days: scopes, reservations, usage, capacity blocks, the three Outposts tables.
    assertThat(partitions).hasSizeGreaterThanOrEqualTo(2 * 7);
    for (Path partition : partitions) {
      assertThat(files(compactedDir(partition), "compacted-")).as(partition.toString()).hasSize(1);
      assertThat(partition.resolve("_compaction.json")).exists();
    }
    assertThat(run.stdout()).contains("caplens compact " + FIRST + " to " + LAST + ": compacted "
        + partitions.size() + " of " + partitions.size() + " snapshot partition(s), " + publishedFiles + " file(s)");
    assertThat(marts(compacted)).isEqualTo(expected);

    // Nothing new: a second compaction leaves every partition as it was.
    List<Path> before = files(compacted.resolve("snapshots"), "");
    Run again = compact(compacted, FIRST, LAST);
    assertThat(again.stdout()).contains(": compacted 0 of " + partitions.size());
    assertThat(files(compacted.resolve("snapshots"), "")).isEqualTo(before);
  }

  /**
   * Published files are many small ones, read once and kept for the transform; compacted ones are
   * read again where needed. The same rows either way.
   */
  @Test
  void theTransformKeepsInMemoryTheRowsOfPublishedFilesOnly() throws IOException {
    DayRange days = DayRange.of(FIRST, LAST);
    List<String> reservationColumns = List.of(dev.caplens.transform.SnapshotTables.RESERVATIONS_FOR_MARTS.fieldNames());
    long listings;
    List<Dataset<Row>> keptLoose;
    try (SnapshotReader.KeptInputs read = SnapshotReader.readForMarts(spark, loose.toString(), days)) {
      listings = read.inputs().reservationsDF().count();
      keptLoose = read.kept();
      assertThat(keptLoose).isNotEmpty().allSatisfy(kept -> assertThat(kept.storageLevel().useMemory()).isTrue());
      assertThat(keptLoose).anySatisfy(kept -> assertThat(kept.columns()).containsExactlyElementsOf(reservationColumns));
    }
    assertThat(keptLoose).allSatisfy(kept -> assertThat(kept.storageLevel()).isEqualTo(StorageLevel.NONE()));

    Path compacted = copyOf(loose);
    assertThat(compact(compacted, FIRST, LAST).exitCode()).isZero();
    try (SnapshotReader.KeptInputs read = SnapshotReader.readForMarts(spark, compacted.toString(), days)) {
      assertThat(read.kept()).isEmpty();
      assertThat(read.inputs().reservationsDF().count()).isEqualTo(listings);
    }

    // A late instant published beside the compacted files: its rows, and only those, are kept.
    Instant halfPast = Instant.parse("2026-11-20T06:30:00Z");
    FleetSnapshots.write(fleet, Warehouse.open(compacted.toString()), List.of(halfPast));
    try (SnapshotReader.KeptInputs read = SnapshotReader.readForMarts(spark, compacted.toString(), days)) {
      Dataset<Row> reservations = read.inputs().reservationsDF();
      long lateListings = reservations.filter(col("snapshot_time").equalTo(lit(java.sql.Timestamp.from(halfPast)))).count();
      assertThat(lateListings).isPositive();
      assertThat(reservations.count()).isEqualTo(listings + lateListings);
      assertThat(read.kept()).filteredOn(kept -> List.of(kept.columns()).equals(reservationColumns))
          .singleElement().satisfies(kept -> assertThat(kept.count()).isEqualTo(lateListings));
    }
  }

  @Test
  void snapshotsIngestedAgainAfterCompactionReplaceTheCompactedOnesAndAreFoldedInNextTime() throws IOException {
    Path reIngested = copyOf(loose);
    Path compacted = copyOf(loose);
    compact(compacted, FIRST, LAST);
    // Another fleet (another seed, the same accounts and regions) re-ingests one instant of the
    // 20th: every scope file of 06:00 is replaced, in the loose warehouse as in the compacted one.
    Fleet other = Fleet.generate(FleetSpec.hourly(12, 40, 3, 2, FIRST, 2));
    List<Instant> sixOClock = List.of(Instant.parse("2026-11-20T06:00:00Z"));
    FleetSnapshots.write(other, Warehouse.open(reIngested.toString()), sixOClock);
    FleetSnapshots.write(other, Warehouse.open(compacted.toString()), sixOClock);
    // ... and a late instant nobody had yet, at 06:30.
    List<Instant> halfPast = List.of(Instant.parse("2026-11-20T06:30:00Z"));
    FleetSnapshots.write(fleet, Warehouse.open(reIngested.toString()), halfPast);
    FleetSnapshots.write(fleet, Warehouse.open(compacted.toString()), halfPast);
    assertThat(files(compacted.resolve("snapshots"), "part-")).isNotEmpty();

    List<String> afterReIngest = marts(reIngested);
    assertThat(afterReIngest).isNotEqualTo(expected);
    assertThat(marts(compacted)).isEqualTo(afterReIngest);

    assertThat(compact(compacted, FIRST, LAST).exitCode()).isZero();
    assertThat(files(compacted.resolve("snapshots"), "part-")).isEmpty();
    assertThat(marts(compacted)).isEqualTo(afterReIngest);
  }

  /**
   * An ingest of one scope at 06:00 that dies after moving its (empty) reservations file, before
   * its usage file: neither run of that scope is trusted, so the earlier run's usage rows, still
   * in place (loose, or compacted), are ignored with an unpublished-rows finding, and both
   * warehouses give the same marts.
   */
  @Test
  void aReIngestThatDiesAmongItsMovesTrustsNeitherRunOfTheScope() throws IOException {
    Path reIngested = copyOf(loose);
    Path compacted = copyOf(loose);
    compact(compacted, FIRST, LAST);
    Path usage = files(loose.resolve("snapshots/reservation_usage/provider=aws/snapshot_date=" + FIRST),
        "part-20261120T060000Z-").stream().filter(CompactionTest::hasRows).findFirst().orElseThrow();
    // part-20261120T060000Z-<account>-<region>-ec2.parquet
    String[] accountAndRegion = usage.getFileName().toString()
        .replaceAll("^part-20261120T060000Z-|-ec2\\.parquet$", "").split("-", 2);
    ScopeSnapshot scope = new ScopeSnapshot("aws", accountAndRegion[0], accountAndRegion[1], "ec2",
        Instant.parse("2026-11-20T06:00:00Z"), "run-died");
    List<Group> earlierUsage = ParquetFiles.rows(usage);
    String earlierRun = ParquetFiles.string(earlierUsage.get(0), "run_id");

    dieAmongMoves(reIngested, scope);
    dieAmongMoves(compacted, scope);

    List<String> afterDeath = marts(reIngested);
    assertThat(afterDeath).anyMatch(row -> row.startsWith(MartTable.DATA_QUALITY + " ")
        && row.contains(earlierUsage.size() + " reservation_usage rows of run " + earlierRun + " at 2026-11-20T06:00:00Z"));
    assertThat(marts(compacted)).isEqualTo(afterDeath);
  }

  @Test
  void aCompactionKilledBeforeOrAfterItsCommitChangesNoFigure() throws IOException {
    Path compacted = copyOf(loose);
    Path reservations20 = compacted.resolve("snapshots/reservations/provider=aws/snapshot_date=" + FIRST);
    Path saved = dir.resolve("saved");
    copyFiles(reservations20, saved);

    assertThat(compact(compacted, FIRST, FIRST).exitCode()).isZero();
    // Killed after its commit, before deleting what it replaced: the originals are back, as read.
    copyFiles(saved, reservations20);
    // Killed before its commit, in a partition never compacted: a compacted file no manifest names.
    Path usage21 = compacted.resolve("snapshots/reservation_usage/provider=aws/snapshot_date=" + LAST);
    Path usage20 = compacted.resolve("snapshots/reservation_usage/provider=aws/snapshot_date=" + FIRST);
    Files.createDirectories(compactedDir(usage21));
    Files.copy(files(compactedDir(usage20), "compacted-").get(0), compactedDir(usage21).resolve("compacted-died.parquet"));

    assertThat(marts(compacted)).isEqualTo(expected);

    // The next compaction deletes the leftovers without touching the compacted file that holds
    // their rows, and replaces the orphan with a compacted file of its own.
    String reservations20Manifest = Files.readString(reservations20.resolve("_compaction.json"));
    List<Path> reservations20Compacted = files(compactedDir(reservations20), "compacted-");
    assertThat(compact(compacted, FIRST, LAST).exitCode()).isZero();
    assertThat(files(reservations20, "part-")).isEmpty();
    assertThat(Files.readString(reservations20.resolve("_compaction.json"))).isEqualTo(reservations20Manifest);
    assertThat(files(compactedDir(reservations20), "compacted-")).isEqualTo(reservations20Compacted);
    assertThat(files(compactedDir(usage21), "compacted-")).hasSize(1)
        .noneMatch(f -> f.endsWith("compacted-died.parquet"));
  }

  @Test
  void nightlyCompactsTheDaysThatEndedBeforeItsSnapshot() throws IOException {
    Path compacted = copyOf(loose);
    CaplensConfig cfg = new CaplensConfig(compacted.toString(), null, null, null, null, null, null, null);

    // Reporting the 21st at 23:30 that day: only the 20th has ended.
    SnapshotCompactor.Result sameDay = NightlyCommand.compactClosedDays(spark, cfg, LAST,
        Instant.parse("2026-11-21T23:30:00Z"), Progress.onTerminal());
    assertThat(files(compacted.resolve("snapshots"), "part-")).isNotEmpty()
        .allMatch(f -> f.toString().contains("snapshot_date=" + LAST));
    // The night after: the 21st has ended too.
    SnapshotCompactor.Result nightAfter = NightlyCommand.compactClosedDays(spark, cfg, LAST,
        Instant.parse("2026-11-22T02:30:00Z"), Progress.onTerminal());

    assertThat(files(compacted.resolve("snapshots"), "part-")).isEmpty();
    assertThat(sameDay.compacted()).isPositive();
    assertThat(nightAfter.compacted()).isEqualTo(partitions(compacted).size() - sameDay.compacted());
  }

  @Test
  void aPartitionLockedByAnotherCompactionIsReportedAndLeftAlone() throws IOException {
    Path compacted = copyOf(loose);
    Path scopes20 = compacted.resolve("snapshots/scopes/provider=aws/snapshot_date=" + FIRST);
    long before = files(scopes20, "part-").size();
    Files.writeString(scopes20.resolve("_compaction.lock"), "started by another process\n");

    Run run = compact(compacted, FIRST, LAST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.stderr()).contains(scopes20.toString()).contains("is being compacted")
        .contains("delete the lock");
    assertThat(files(scopes20, "part-")).hasSize((int) before);
    assertThat(scopes20.resolve("_compaction.lock")).exists();
  }

  @Test
  void aDayThatHasNotEndedIsRefused() throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    Run run = compact(loose, FIRST, today);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--to " + today + " has not ended");
    assertThat(files(loose, "compacted-")).isEmpty();
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run compact(Path warehouse, LocalDate from, LocalDate to) {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    var stdout = System.out;
    var stderr = System.err;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int code = CaplensCli.execute("compact", "--warehouse", warehouse.toString(), "--from", from.toString(),
          "--to", to.toString());
      return new Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
          err.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private Path copyOf(Path warehouse) throws IOException {
    Path copy = dir.resolve("warehouse-" + UUID.randomUUID());
    try (Stream<Path> all = Files.walk(warehouse)) {
      for (Path from : all.toList()) {
        Path to = copy.resolve(warehouse.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  /** Every mart row of both days after transforming them, as text, sorted. */
  private static List<String> marts(Path warehouse) {
    TransformRunner.run(spark, warehouse.toString(), FIRST, LAST, prices, TransformParams.defaults());
    return Set.of(MartTable.values()).stream()
        .flatMap(table -> MartReader.read(spark, warehouse.toString(), table, FIRST, LAST).collectAsList().stream()
            .map(row -> table + " " + row))
        .sorted()
        .toList();
  }

  /** Where the compacted files of a partition live (docs/warehouse.md "Compaction"). */
  private static Path compactedDir(Path partition) {
    return partition.getParent().getParent().resolve("_compacted").resolve(partition.getParent().getFileName())
        .resolve(partition.getFileName());
  }

  private static List<Path> partitions(Path warehouse) throws IOException {
    try (Stream<Path> all = Files.walk(warehouse.resolve("snapshots"))) {
      return all.filter(p -> p.getFileName().toString().startsWith("snapshot_date="))
          .filter(p -> !p.toString().contains("/_compacted/")).sorted().toList();
    }
  }

  private static List<Path> files(Path under, String prefix) throws IOException {
    try (Stream<Path> all = Files.walk(under)) {
      return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  /** Publishes one scope snapshot whose usage file vanishes before its move, as a kill there would leave it. */
  private static void dieAmongMoves(Path warehouse, ScopeSnapshot scope) throws IOException {
    Warehouse target = Warehouse.open(warehouse.toString());
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(target, scope)) {
      writer.table(SnapshotTables.RESERVATIONS);
      writer.table(SnapshotTables.RESERVATION_USAGE);
      Files.delete(Path.of(target.stagingFile(SnapshotTables.RESERVATION_USAGE.name(), scope).toUri()));
      assertThatThrownBy(() -> writer.publish(new ScopeRow("ec2", 1, 0, 0))).isInstanceOf(IOException.class);
    }
  }

  private static boolean hasRows(Path file) {
    try {
      return !ParquetFiles.rows(file).isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Copies every file of {@code from} into {@code to} with its modification time, as the files were. */
  private static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path file : files(from, "part-")) {
      Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
