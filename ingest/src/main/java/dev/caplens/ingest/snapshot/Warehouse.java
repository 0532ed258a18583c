package dev.caplens.ingest.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Where snapshot files live in a warehouse (a local path or a Hadoop URI), and the move that
 * publishes a staged file. Layout: docs/warehouse.md.
 */
public final class Warehouse {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  /** The manifest of a compacted partition; transform's CompactionManifest writes it. */
  static final String COMPACTION_MANIFEST = "_compaction.json";

  private final Path root;
  private final Configuration conf;
  private final FileSystem fs;

  private Warehouse(Path root, Configuration conf, FileSystem fs) {
    this.root = root;
    this.conf = conf;
    this.fs = fs;
  }

  /** Opens a warehouse; a plain path is taken as local. */
  public static Warehouse open(String location) {
    URI uri = URI.create(location.contains("://") ? location : new java.io.File(location).getAbsoluteFile().toURI().toString());
    Configuration conf = new Configuration();
    try {
      FileSystem fs = FileSystem.newInstance(uri, conf);
      // Local warehouses get no .crc side files: readers list the directory.
      fs.setWriteChecksum(false);
      return new Warehouse(new Path(uri), conf, fs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open warehouse " + location + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Configuration conf() {
    return conf;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** The published location of one table's file for one scope snapshot. */
  public Path snapshotFile(String table, ScopeSnapshot scope) {
    return new Path(root, "snapshots/" + table + "/provider=" + scope.provider()
        + "/snapshot_date=" + DATE.format(scope.snapshotTime()) + "/" + fileName(scope));
  }

  /** Where a run writes a table's file before it is published. */
  public Path stagingFile(String table, ScopeSnapshot scope) {
    return new Path(root, "_staging/" + scope.runId() + "/" + table + "/" + fileName(scope));
  }

  /**
   * The file a Parquet writer writes a staged file through. Local warehouses write with java.nio:
   * Hadoop's local file system sets every new file's permissions by starting a {@code chmod}
   * process (twice a file without its native library), which cost more than writing the file.
   */
  public OutputFile outputFile(Path staged) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      java.nio.file.Path file = local.pathToFile(staged).toPath();
      Files.createDirectories(file.getParent());
      return new LocalOutputFile(file);
    }
    return HadoopOutputFile.fromPath(staged, conf);
  }

  public Path stagingDir(String runId) {
    return new Path(root, "_staging/" + runId);
  }

  public Path runDir(String runId) {
    return new Path(root, "runs/" + runId);
  }

  /** The name is a function of snapshot time and scope, so re-ingesting replaces rather than adds. */
  static String fileName(ScopeSnapshot scope) {
    return "part-" + FILE_TIME.format(scope.snapshotTime()) + "-" + safe(scope.accountId()) + "-"
        + safe(scope.region()) + "-" + safe(scope.source()) + ".parquet";
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Moves a staged file to its published place, replacing what is there. Local file systems get
   * an atomic rename, so a reader sees the old file or the new one, never neither.
   */
  public void publish(Path staged, Path target) throws IOException {
    fs.mkdirs(target.getParent());
    if (fs instanceof LocalFileSystem local) {
      Files.move(local.pathToFile(staged).toPath(), local.pathToFile(target).toPath(),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    if (fs.exists(target) && !fs.delete(target, false)) {
      throw new IOException("cannot replace " + target);
    }
    if (!fs.rename(staged, target)) {
      throw new IOException("cannot move " + staged + " to " + target);
    }
  }

  /**
   * Whether a scope snapshot's marker may be in the warehouse already: its file is there, or its
   * partition was compacted ({@code caplens compact} folds the files into one and writes this
   * manifest beside them, docs/warehouse.md "Compaction"), so the marker may be a compacted row.
   */
  public boolean mayAlreadyHold(Path marker) throws IOException {
    return fs.exists(marker) || fs.exists(new Path(marker.getParent(), COMPACTION_MANIFEST));
  }

  public void deleteQuietly(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      // Leftover staging files are invisible to readers; the next run's clean-up retries.
    }
  }
}
