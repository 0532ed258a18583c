package dev.caplens.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The switch from a snapshot partition's published files to its compacted file:
 * {@code _compaction.json} in the partition directory (docs/warehouse.md "Compaction"). It names
 * the compacted file and every file whose rows it holds, each with the length and modification
 * time it had when it was read. A reader reads the compacted file and every file the manifest does
 * not name with that same length and time: a late snapshot, or one ingested again after the
 * compaction, whose rows then supersede the compacted rows of its scope snapshot.
 *
 * <p>The compacted file is written first and the manifest replaces the old one in one rename, so
 * a compaction killed at any point leaves either the old state or the new one. The manifest's name
 * starts with {@code _}, which Hadoop and Spark treat as hidden when they list a directory; the
 * compacted files live apart ({@link #compactedDir}).
 */
record CompactionManifest(String compacted, long rows, List<ReplacedFile> replaced) {

  /** Ingest's Warehouse knows this name too: a scope snapshot re-ingested here withdraws its marker first. */
  static final String FILE = "_compaction.json";
  static final String COMPACTED_DIR = "_compacted";
  static final String COMPACTED_PREFIX = "compacted-";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  CompactionManifest {
    replaced = List.copyOf(replaced);
  }

  /**
   * A file whose rows the compacted file holds. {@code accountId}, {@code region} and
   * {@code snapshotTimeMicros} are its scope snapshot, from its rows; null for a file without rows.
   */
  record ReplacedFile(String name, long length, long modified, String accountId, String region,
                      Long snapshotTimeMicros) {

    /** {@code file} as read, with the scope snapshot of its rows (null for a file without rows). */
    static ReplacedFile of(FileStatus file, SnapshotFiles.ScopeInstant scope) {
      return new ReplacedFile(file.getPath().getName(), file.getLen(), file.getModificationTime(),
          scope == null ? null : scope.accountId(), scope == null ? null : scope.region(),
          scope == null ? null : scope.snapshotTimeMicros());
    }

    /** Whether {@code file} is still the file that was compacted, not one published again since. */
    boolean isSameFileAs(FileStatus file) {
      return file.getLen() == length && file.getModificationTime() == modified;
    }

    /** The scope snapshot of the file's rows in a partition of {@code provider}; null for a file without rows. */
    SnapshotFiles.ScopeInstant scope(String provider) {
      return snapshotTimeMicros == null ? null
          : new SnapshotFiles.ScopeInstant(provider, accountId, region, snapshotTimeMicros);
    }
  }

  static Path file(Path partition) {
    return new Path(partition, FILE);
  }

  /**
   * Where the compacted files of {@code <table>/provider=<p>/snapshot_date=<d>} live:
   * {@code <table>/_compacted/provider=<p>/snapshot_date=<d>/}, outside the partition, so that
   * anything listing the partition directory sees only what ingest published, and inside a hidden
   * directory, so that nothing listing the table sees them twice.
   */
  static Path compactedDir(Path partition) {
    Path provider = partition.getParent();
    return new Path(new Path(new Path(provider.getParent(), COMPACTED_DIR), provider.getName()), partition.getName());
  }

  Path compactedFile(Path partition) {
    return new Path(compactedDir(partition), compacted);
  }

  /** The partition's manifest, or null when it was never compacted. */
  static CompactionManifest read(FileSystem fs, Path partition) {
    Path file = file(partition);
    try {
      if (!fs.exists(file)) {
        return null;
      }
      try (InputStream in = fs.open(file)) {
        return JSON.readValue(in, CompactionManifest.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  ReplacedFile entry(String name) {
    return replaced.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  /** Replaces the partition's manifest in one rename: the commit point of a compaction. */
  void commit(FileSystem fs, Path partition) {
    Path file = file(partition);
    Path staged = new Path(partition, "." + FILE + "." + UUID.randomUUID() + ".tmp");
    try {
      if (fs instanceof LocalFileSystem local) {
        // java.nio, without the processes Hadoop's local file system starts to set permissions.
        java.nio.file.Path target = local.pathToFile(file).toPath();
        java.nio.file.Path temp = local.pathToFile(staged).toPath();
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
      try (OutputStream out = fs.create(staged, false)) {
        JSON.writeValue(out, this);
      }
      FileContext.getFileContext(file.toUri(), fs.getConf()).rename(staged, file, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + file + ": " + e.getMessage(), e);
    }
  }
}
