package dev.caplens.transform;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Directories of a warehouse (docs/warehouse.md). A location without a scheme is a local path,
 * as ingest takes it; anything else is a Hadoop URI ({@code s3a://bucket/caplens}).
 */
final class WarehousePaths {

  static final String VERSION_PREFIX = "version=";
  static final String PROVIDER_PREFIX = "provider=";

  private final Path root;
  private final FileSystem fs;

  private WarehousePaths(Path root, FileSystem fs) {
    this.root = root;
    this.fs = fs;
  }

  static WarehousePaths open(String location, Configuration hadoopConf) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("warehouse location is empty");
    }
    Path root = location.contains("://") ? new Path(location) : new Path(new File(location).getAbsoluteFile().toURI());
    try {
      return new WarehousePaths(root, root.getFileSystem(hadoopConf));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open warehouse " + location + ": " + e.getMessage(), e);
    }
  }

  Path snapshotTable(String table) {
    return new Path(root, "snapshots/" + table);
  }

  /** The root of a table's compacted files, laid out in the same partitions ({@link CompactionManifest#compactedDir}). */
  Path compactedSnapshotTable(String table) {
    return new Path(snapshotTable(table), CompactionManifest.COMPACTED_DIR);
  }

  Path mart(MartTable table) {
    return new Path(root, "marts/" + table.tableName());
  }

  Path martPartition(MartTable table, LocalDate day) {
    return new Path(mart(table), MartTable.PARTITION_COLUMN + "=" + day);
  }

  /** One transform run's rows of a mart day (docs/warehouse.md "Marts"). */
  Path martVersion(MartTable table, LocalDate day, String version) {
    return new Path(martPartition(table, day), VERSION_PREFIX + version);
  }

  Path martVersionsFile() {
    return new Path(root, "marts/" + MartVersions.FILE);
  }

  /** Where a transform run writes its marts before moving their days into place. */
  Path martStaging(String version) {
    return new Path(root, "marts/_staging/" + version);
  }

  FileSystem fileSystem() {
    return fs;
  }

  /** The snapshot tables the warehouse holds, transform's and those only reports or nobody read. */
  List<String> snapshotTableNames() {
    Path snapshots = new Path(root, "snapshots");
    List<String> tables = new ArrayList<>();
    try {
      if (fs.exists(snapshots)) {
        for (FileStatus table : fs.listStatus(snapshots)) {
          String name = table.getPath().getName();
          if (table.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
            tables.add(name);
          }
        }
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + snapshots + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code provider=<p>/snapshot_date=<d>} directories of a snapshot table for the given days,
   * listed explicitly so that Spark never lists the rest of the history.
   */
  List<Path> snapshotPartitions(String table, DayRange days) {
    Path tableRoot = snapshotTable(table);
    List<Path> partitions = new ArrayList<>();
    try {
      if (!fs.exists(tableRoot)) {
        return partitions;
      }
      for (FileStatus provider : fs.listStatus(tableRoot)) {
        if (!provider.isDirectory() || !provider.getPath().getName().startsWith(PROVIDER_PREFIX)) {
          continue;
        }
        for (LocalDate day : days.days()) {
          Path partition = new Path(provider.getPath(), "snapshot_date=" + day);
          if (fs.exists(partition)) {
            partitions.add(partition);
          }
        }
      }
      return partitions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tableRoot + ": " + e.getMessage(), e);
    }
  }

  /**
   * What to read of a snapshot table for the given days: a partition never compacted is read as
   * its directory; a compacted one as the file its manifest names plus the files published since
   * ({@link CompactionManifest}).
   */
  SnapshotFiles snapshotFiles(String table, DayRange days) {
    List<Path> published = new ArrayList<>();
    List<Path> compacted = new ArrayList<>();
    List<SnapshotFiles.ScopeInstant> superseded = new ArrayList<>();
    for (Path partition : snapshotPartitions(table, days)) {
      CompactionManifest manifest = CompactionManifest.read(fs, partition);
      if (manifest == null) {
        published.add(partition);
        continue;
      }
      compacted.add(manifest.compactedFile(partition));
      for (FileStatus file : publishedFiles(partition)) {
        CompactionManifest.ReplacedFile entry = manifest.entry(file.getPath().getName());
        if (entry != null && entry.isSameFileAs(file)) {
          continue;
        }
        published.add(file.getPath());
        if (entry != null && entry.scope(provider(partition)) != null) {
          superseded.add(entry.scope(provider(partition)));
        }
      }
    }
    return new SnapshotFiles(published, compacted, superseded);
  }

  /** The provider of a {@code provider=<p>/snapshot_date=<d>} partition directory. */
  static String provider(Path partition) {
    return partition.getParent().getName().substring(PROVIDER_PREFIX.length());
  }

  /** The files ingest published in a partition ({@code part-*.parquet}), without the hidden ones. */
  List<FileStatus> publishedFiles(Path partition) {
    try {
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus file : fs.listStatus(partition)) {
        String name = file.getPath().getName();
        if (file.isFile() && name.startsWith("part-") && name.endsWith(".parquet")) {
          files.add(file);
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + partition + ": " + e.getMessage(), e);
    }
  }

  /** The committed version directories of a mart for the given days that have rows. */
  List<Path> martPartitions(MartTable table, DayRange days, MartVersions versions) {
    List<Path> partitions = new ArrayList<>();
    for (LocalDate day : days.days()) {
      String version = versions.version(day);
      if (version != null && exists(martVersion(table, day, version))) {
        partitions.add(martVersion(table, day, version));
      }
    }
    return partitions;
  }

  /** Version directories of a mart day other than {@code keep}: left by earlier or killed runs. */
  List<Path> otherVersions(MartTable table, LocalDate day, String keep) {
    Path partition = martPartition(table, day);
    List<Path> others = new ArrayList<>();
    try {
      if (!fs.exists(partition)) {
        return others;
      }
      for (FileStatus child : fs.listStatus(partition)) {
        if (!child.getPath().getName().equals(VERSION_PREFIX + keep)) {
          others.add(child.getPath());
        }
      }
      return others;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + partition + ": " + e.getMessage(), e);
    }
  }

  /** Moves a directory to {@code target}, whose parent is created; the target must not exist. */
  void move(Path source, Path target) {
    try {
      fs.mkdirs(target.getParent());
      if (!fs.rename(source, target)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a directory when nothing is left in it. */
  void deleteIfEmpty(Path dir) {
    try {
      if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  boolean exists(Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
    }
  }

  void delete(Path path) {
    try {
      if (fs.exists(path) && !fs.delete(path, true)) {
        throw new IOException("delete returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
