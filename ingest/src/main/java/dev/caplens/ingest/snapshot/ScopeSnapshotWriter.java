package dev.caplens.ingest.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one scope snapshot's tables to staging files as rows arrive (pages stream through, nothing
 * is held in memory), then publishes them: table files first, the {@code scopes} marker last.
 * Until {@link #publish} readers see nothing of this run; after it they see all of it. A run that
 * dies while publishing over an earlier run's scope snapshot leaves readers trusting neither run's
 * rows of it: the earlier marker is withdrawn before any table file moves.
 */
public final class ScopeSnapshotWriter implements AutoCloseable {

  private final Warehouse warehouse;
  private final ScopeSnapshot scope;
  private final Map<String, TableFile<?>> files = new LinkedHashMap<>();
  private boolean finished;

  public ScopeSnapshotWriter(Warehouse warehouse, ScopeSnapshot scope) {
    this.warehouse = warehouse;
    this.scope = scope;
  }

  public ScopeSnapshot scope() {
    return scope;
  }

  /**
   * Opens a table's file for this scope. Every table a source owns is opened before reading, so
   * a re-run that finds no rows still replaces an earlier file with an empty one.
   */
  @SuppressWarnings("unchecked")
  public <T> TableFile<T> table(SnapshotTable<T> table) {
    return (TableFile<T>) files.computeIfAbsent(table.name(), name -> new TableFile<>(table));
  }

  /**
   * Closes every table file and moves it into place; the scopes marker goes last. When this scope
   * snapshot may already be in the warehouse (ingested again), an empty marker replaces the
   * earlier one first: the earlier marker would otherwise go on trusting the earlier run's files of
   * the tables not yet moved, a mix of two runs if this run dies among the moves.
   */
  public void publish(ScopeRow marker) throws IOException {
    List<TableFile<?>> tables = new ArrayList<>(files.values());
    // Every table is written out before the earlier marker is withdrawn: a write that fails here
    // leaves the earlier run's scope snapshot as it was.
    for (TableFile<?> file : tables) {
      file.close();
    }
    Path markerTarget = warehouse.snapshotFile(SnapshotTables.SCOPES.name(), scope);
    if (warehouse.mayAlreadyHold(markerTarget)) {
      moveIntoPlace(new TableFile<>(SnapshotTables.SCOPES));
    }
    TableFile<ScopeRow> markerFile = new TableFile<>(SnapshotTables.SCOPES);
    markerFile.append(marker);
    tables.add(markerFile);
    for (TableFile<?> file : tables) {
      moveIntoPlace(file);
    }
    finished = true;
  }

  private void moveIntoPlace(TableFile<?> file) throws IOException {
    file.close();
    warehouse.publish(file.staged, warehouse.snapshotFile(file.table.name(), scope));
  }

  /** Closes and deletes whatever was staged; nothing of this scope snapshot becomes visible. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    for (TableFile<?> file : files.values()) {
      try {
        file.close();
      } catch (IOException | RuntimeException e) {
        // The staged file is deleted below either way.
      }
      warehouse.deleteQuietly(file.staged);
    }
    finished = true;
  }

  /** One table's staged Parquet file. */
  public final class TableFile<T> {
    private final SnapshotTable<T> table;
    private final Path staged;
    private final SimpleGroupFactory groups;
    private ParquetWriter<Group> writer;
    private int rows;

    private TableFile(SnapshotTable<T> table) {
      this.table = table;
      this.staged = warehouse.stagingFile(table.name(), scope);
      this.groups = new SimpleGroupFactory(table.messageType());
      try {
        this.writer = ExampleParquetWriter.builder(warehouse.outputFile(staged))
            .withType(table.messageType())
            .withConf(warehouse.conf())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + staged + ": " + e.getMessage(), e);
      }
    }

    public int rows() {
      return rows;
    }

    public void append(T row) {
      Group group = groups.newGroup()
          .append("account_id", scope.accountId())
          .append("region", scope.region())
          .append("snapshot_time", SnapshotTable.micros(scope.snapshotTime()))
          .append("run_id", scope.runId());
      for (SnapshotTable.Column<T> column : table.rowColumns()) {
        Object value = column.value().apply(row);
        if (value == null) {
          if (column.required()) {
            throw new IllegalArgumentException(table.name() + "." + column.name() + " is required but missing");
          }
          continue;
        }
        appendValue(group, column, value);
      }
      try {
        writer.write(group);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + staged + ": " + e.getMessage(), e);
      }
      rows++;
    }

    private void appendValue(Group group, SnapshotTable.Column<T> column, Object value) {
      switch (column.type()) {
        case STRING -> group.append(column.name(), (String) value);
        case INT -> group.append(column.name(), (Integer) value);
        case BOOLEAN -> group.append(column.name(), (Boolean) value);
        case TIMESTAMP -> group.append(column.name(), SnapshotTable.micros((Instant) value));
      }
    }

    private void close() throws IOException {
      if (writer != null) {
        ParquetWriter<Group> open = writer;
        writer = null;
        open.close();
      }
    }
  }
}
