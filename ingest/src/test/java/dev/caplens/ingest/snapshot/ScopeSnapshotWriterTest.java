package dev.caplens.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeSnapshotWriterTest {

  private static final Instant T0 = Instant.parse("2026-11-20T13:00:00Z");
  /** Where each table keeps the file of {@link #scope}: partition and name. */
  private static final String FILE = "provider=aws/snapshot_date=2026-11-20/"
      + "part-20261120T130000Z-111111111111-us-east-1-ec2.parquet";

  @TempDir
  Path dir;

  @Test
  void publishedRowsReadBackWithEveryFieldAndNull() throws IOException {
    Warehouse warehouse = Warehouse.open(dir.toString());
    ScopeSnapshot scope = scope("run-1");
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, scope)) {
      writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-1", "active"));
      writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-2", "some-future-state"));
      writer.table(SnapshotTables.RESERVATION_USAGE).append(UsageRow.ec2("cr-1", "222222222222", 2));
      writer.publish(new ScopeRow("ec2", 3, 4, 2));
    }

    Path file = dir.resolve("snapshots/reservations/" + FILE);
    List<Group> rows = read(file);
    assertThat(rows).hasSize(2);
    Group first = rows.get(0);
    assertThat(first.getString("account_id", 0)).isEqualTo("111111111111");
    assertThat(first.getString("run_id", 0)).isEqualTo("run-1");
    assertThat(first.getLong("snapshot_time", 0)).isEqualTo(T0.toEpochMilli() * 1000);
    assertThat(first.getString("reservation_id", 0)).isEqualTo("cr-1");
    assertThat(first.getInteger("total_instance_count", 0)).isEqualTo(10);
    assertThat(first.getLong("start_date", 0))
        .isEqualTo(Instant.parse("2026-10-01T00:00:00Z").toEpochMilli() * 1000);
    assertThat(first.getBoolean("interruptible", 0)).isFalse();
    assertThat(first.getString("tags_json", 0)).isEqualTo("{\"Name\":\"web\"}");
    // Absent optional values stay absent, never a default.
    assertThat(first.getFieldRepetitionCount("end_date")).isZero();
    assertThat(first.getFieldRepetitionCount("lent_instance_count")).isZero();
    assertThat(rows.get(1).getString("state", 0)).isEqualTo("some-future-state");

    var schema = readSchemaType(file, "snapshot_time");
    assertThat(schema).isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));

    assertThat(read(dir.resolve("snapshots/reservation_usage/" + FILE))).hasSize(1);
    List<Group> marker = read(dir.resolve("snapshots/scopes/" + FILE));
    assertThat(marker).hasSize(1);
    assertThat(marker.get(0).getInteger("pages", 0)).isEqualTo(3);
    assertThat(marker.get(0).getInteger("rows", 0)).isEqualTo(2);
  }

  @Test
  void republishingTheSameSnapshotTimeReplacesInsteadOfAdding() throws IOException {
    Warehouse warehouse = Warehouse.open(dir.toString());
    for (String runId : List.of("run-1", "run-2")) {
      ScopeSnapshot scope = scope(runId);
      try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, scope)) {
        writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-1", "active"));
        writer.publish(new ScopeRow("ec2", 1, 1, 1));
      }
    }
    List<Path> files = parquetFiles(dir.resolve("snapshots/reservations"));
    assertThat(files).hasSize(1);
    List<Group> rows = read(files.get(0));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString("run_id", 0)).isEqualTo("run-2");
  }

  /**
   * A re-ingest that dies after moving its first table file: the earlier marker is already
   * withdrawn (an empty scopes file in its place), so the earlier run's usage file, not yet
   * replaced, is trusted no more than this run's reservations file.
   */
  @Test
  void aRepublishThatDiesAmongItsMovesLeavesNoMarkerOfEitherRun() throws IOException {
    Warehouse warehouse = Warehouse.open(dir.toString());
    ScopeSnapshot first = scope("run-1");
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, first)) {
      writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-1", "active"));
      writer.table(SnapshotTables.RESERVATION_USAGE).append(UsageRow.ec2("cr-1", "222222222222", 2));
      writer.publish(new ScopeRow("ec2", 1, 1, 1));
    }

    ScopeSnapshot again = scope("run-2");
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, again)) {
      writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-1", "active"));
      writer.table(SnapshotTables.RESERVATION_USAGE).append(UsageRow.ec2("cr-1", "222222222222", 3));
      // The usage file's staged copy vanishes, so its move fails as a kill at that moment would stop it.
      Files.delete(Path.of(warehouse.stagingFile(SnapshotTables.RESERVATION_USAGE.name(), again).toUri()));
      assertThatThrownBy(() -> writer.publish(new ScopeRow("ec2", 1, 1, 1))).isInstanceOf(IOException.class);
    }

    assertThat(read(dir.resolve("snapshots/reservations/" + FILE)).get(0).getString("run_id", 0)).isEqualTo("run-2");
    assertThat(read(dir.resolve("snapshots/reservation_usage/" + FILE)).get(0).getString("run_id", 0))
        .isEqualTo("run-1");
    assertThat(read(dir.resolve("snapshots/scopes/" + FILE))).isEmpty();
  }

  @Test
  void aScopeClosedWithoutPublishLeavesNothingVisible() throws IOException {
    Warehouse warehouse = Warehouse.open(dir.toString());
    ScopeSnapshot scope = scope("run-1");
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, scope)) {
      writer.table(SnapshotTables.RESERVATIONS).append(reservation("cr-1", "active"));
      // the read fails here: no publish
    }
    assertThat(dir.resolve("snapshots")).doesNotExist();
    assertThat(parquetFiles(dir)).isEmpty();
  }

  /** The one scope these tests write, account 111111111111 in us-east-1 at T0, by run {@code runId}. */
  private static ScopeSnapshot scope(String runId) {
    return new ScopeSnapshot("aws", "111111111111", "us-east-1", "ec2", T0, runId);
  }

  static ReservationRow reservation(String id, String state) {
    return new ReservationRow(id, null, "111111111111", "default", "m5.large", "Linux/UNIX", "us-east-1a",
        "default", "open", state, 10, 4, null, Instant.parse("2026-10-01T00:00:00Z"), null, "unlimited",
        null, null, false, null, null, null, null, null, "{\"Name\":\"web\"}", null, null, null, null);
  }

  static List<Group> read(Path file) throws IOException {
    List<Group> rows = new ArrayList<>();
    var input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), input.getPath()).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(g);
      }
    }
    return rows;
  }

  private static LogicalTypeAnnotation readSchemaType(Path file, String column) throws IOException {
    var input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
    try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(input)) {
      return reader.getFileMetaData().getSchema().getType(column).getLogicalTypeAnnotation();
    }
  }

  static List<Path> parquetFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
