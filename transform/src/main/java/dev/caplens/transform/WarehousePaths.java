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

  Path mart(MartTable table) {
    return new Path(root, "marts/" + table.tableName());
  }

  Path martPartition(MartTable table, LocalDate day) {
    return new Path(mart(table), MartTable.PARTITION_COLUMN + "=" + day);
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
        if (!provider.isDirectory() || !provider.getPath().getName().startsWith("provider=")) {
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

  /** The {@code date=<d>} directories of a mart that exist for the given days. */
  List<Path> martPartitions(MartTable table, DayRange days) {
    List<Path> partitions = new ArrayList<>();
    for (LocalDate day : days.days()) {
      Path partition = martPartition(table, day);
      if (exists(partition)) {
        partitions.add(partition);
      }
    }
    return partitions;
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
