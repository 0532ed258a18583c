package dev.caplens.transform;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Compacts the snapshot partitions of closed days: every file ingest published in a
 * {@code <table>/provider=<p>/snapshot_date=<d>} directory becomes one
 * {@code <table>/_compacted/provider=<p>/snapshot_date=<d>/compacted-*.parquet} file with the same
 * rows, switched in by a {@link CompactionManifest}. Readers then open one
 * file per table and partition instead of one per scope and snapshot time (6,336 a day at
 * 10,000 reservations), which is what reading a long history costs most.
 *
 * <p>Nothing is lost at any point: the published files are deleted only after the manifest that
 * replaces them is committed, and only if they are still the files that were read. Files published
 * later (a late snapshot, or one ingested again) are read beside the compacted file and folded in
 * by the next compaction. Two compactions of one partition exclude each other with a lock file;
 * a compaction that died leaves its lock, which the next one reports instead of guessing.
 */
public final class SnapshotCompactor {

  static final String LOCK = "_compaction.lock";

  /** What compacting some partitions did. */
  public record Result(int partitions, int compacted, int filesReplaced, long rows) {
    public static final Result NONE = new Result(0, 0, 0, 0);

    Result plus(Result other) {
      return new Result(partitions + other.partitions, compacted + other.compacted,
          filesReplaced + other.filesReplaced, rows + other.rows);
    }
  }

  /** What copying one file wrote: its rows kept, and the scope snapshot of its first row (null for none). */
  private record Copied(long rows, SnapshotFiles.ScopeInstant scope) {}

  private final WarehousePaths paths;
  private final FileSystem fs;
  private final Configuration conf;

  private SnapshotCompactor(WarehousePaths paths, Configuration conf) {
    this.paths = paths;
    this.fs = paths.fileSystem();
    this.conf = conf;
  }

  /**
   * Compacts every snapshot table's partitions of {@code days}, {@code parallelism} partitions at
   * a time; {@code progress} hears one line per partition compacted.
   */
  public static Result compact(String warehouse, Configuration conf, DayRange days, int parallelism,
                               Consumer<String> progress) {
    WarehousePaths paths = WarehousePaths.open(warehouse, conf);
    SnapshotCompactor compactor = new SnapshotCompactor(paths, conf);
    List<Path> partitions = new ArrayList<>();
    for (String table : paths.snapshotTableNames()) {
      partitions.addAll(paths.snapshotPartitions(table, days));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, partitions.size())));
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (Path partition : partitions) {
        results.add(pool.submit(() -> {
          Result result = compactor.compactPartition(partition);
          if (result.compacted() > 0) {
            progress.accept("compacted " + partition + ": " + result.filesReplaced() + " file(s), " + result.rows()
                + " row(s)");
          }
          return result;
        }));
      }
      Result total = Result.NONE;
      for (Future<Result> result : results) {
        total = total.plus(result.get());
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("compaction interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Folds the partition's files published since its last compaction (all of them, the first time) into one. */
  Result compactPartition(Path partition) throws IOException {
    Path lock = lock(partition);
    try {
      CompactionManifest manifest = CompactionManifest.read(fs, partition);
      List<FileStatus> fresh = new ArrayList<>();
      List<FileStatus> alreadyCompacted = new ArrayList<>();
      for (FileStatus file : paths.publishedFiles(partition)) {
        CompactionManifest.ReplacedFile entry = manifest == null ? null : manifest.entry(file.getPath().getName());
        (entry != null && entry.isSameFileAs(file) ? alreadyCompacted : fresh).add(file);
      }
      if (fresh.isEmpty()) {
        if (manifest != null) {
          deleteUnchanged(alreadyCompacted, manifest);
          deleteOrphans(partition, manifest.compacted());
        }
        return new Result(1, 0, 0, 0);
      }
      CompactionManifest next = writeCompacted(partition, manifest, fresh);
      next.commit(fs, partition);
      // The new manifest is in force: what it replaces can go, unless it was published again meanwhile.
      deleteUnchanged(fresh, next);
      deleteUnchanged(alreadyCompacted, next);
      deleteOrphans(partition, next.compacted());
      return new Result(1, 1, fresh.size(), next.rows());
    } finally {
      fs.delete(lock, false);
    }
  }

  /**
   * Takes the partition's lock: created only if absent, atomically on a local disk (O_EXCL) and
   * on HDFS; object stores without conditional writes give no such guarantee.
   */
  private Path lock(Path partition) throws IOException {
    Path lock = new Path(partition, LOCK);
    byte[] holder = ("started " + Instant.now() + " by process " + ProcessHandle.current().pid() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    try {
      if (fs instanceof LocalFileSystem local) {
        Files.write(local.pathToFile(lock).toPath(), holder, StandardOpenOption.CREATE_NEW);
      } else {
        try (OutputStream out = fs.create(lock, false)) {
          out.write(holder);
        }
      }
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      throw new IllegalStateException("snapshot partition " + partition + " is being compacted (lock " + lock
          + "); if no compaction is running, one died there: delete the lock and run compact again");
    }
    return lock;
  }

  /**
   * Writes a new compacted file: the rows of the current one, less those of the scope snapshots
   * {@code fresh} publishes again, and the rows of every fresh file. Returns its manifest.
   */
  private CompactionManifest writeCompacted(Path partition, CompactionManifest manifest, List<FileStatus> fresh)
      throws IOException {
    String provider = WarehousePaths.provider(partition);
    Map<String, CompactionManifest.ReplacedFile> entries = new LinkedHashMap<>();
    Set<SnapshotFiles.ScopeInstant> superseded = new HashSet<>();
    List<Path> sources = new ArrayList<>();
    if (manifest != null) {
      manifest.replaced().forEach(entry -> entries.put(entry.name(), entry));
      sources.add(manifest.compactedFile(partition));
    }
    for (FileStatus file : fresh) {
      CompactionManifest.ReplacedFile earlier = entries.remove(file.getPath().getName());
      if (earlier != null && earlier.scope(provider) != null) {
        superseded.add(earlier.scope(provider));
      }
      sources.add(file.getPath());
    }
    MessageType schema = mergedSchema(sources);
    String name = CompactionManifest.COMPACTED_PREFIX + UUID.randomUUID() + ".parquet";
    Path target = new Path(CompactionManifest.compactedDir(partition), name);
    long rows = 0;
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(outputFile(target))
        .withType(schema)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      if (manifest != null) {
        rows += copy(sources.get(0), provider, writer, groups, scope -> !superseded.contains(scope)).rows();
      }
      for (FileStatus file : fresh) {
        Copied copied = copy(file.getPath(), provider, writer, groups, scope -> true);
        rows += copied.rows();
        entries.put(file.getPath().getName(), CompactionManifest.ReplacedFile.of(file, copied.scope()));
      }
    }
    return new CompactionManifest(name, rows, new ArrayList<>(entries.values()));
  }

  /** Copies the rows of {@code source} whose scope snapshot {@code keep} accepts. */
  private Copied copy(Path source, String provider, ParquetWriter<Group> writer, SimpleGroupFactory groups,
                      Predicate<SnapshotFiles.ScopeInstant> keep) throws IOException {
    long rows = 0;
    SnapshotFiles.ScopeInstant first = null;
    try (ParquetFileReader reader = open(source)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
      for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
        RecordReader<Group> records = columns.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          Group row = records.read();
          SnapshotFiles.ScopeInstant scope = new SnapshotFiles.ScopeInstant(provider, row.getString("account_id", 0),
              row.getString("region", 0), row.getLong("snapshot_time", 0));
          if (first == null) {
            first = scope;
          }
          if (keep.test(scope)) {
            writer.write(copyOf(row, groups));
            rows++;
          }
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot compact " + source + ": " + e.getMessage(), e);
    }
    return new Copied(rows, first);
  }

  /**
   * Local warehouses write through java.nio, as ingest does: Hadoop's local file system starts a
   * {@code chmod} process for every file it creates.
   */
  private OutputFile outputFile(Path target) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      java.nio.file.Path file = local.pathToFile(target).toPath();
      Files.createDirectories(file.getParent());
      return new LocalOutputFile(file);
    }
    return HadoopOutputFile.fromPath(target, conf);
  }

  /**
   * A reader of one file with options from the compactor's configuration: ParquetReader's builder
   * makes a new Hadoop Configuration per file, and parsing its XML defaults cost more than
   * reading the file.
   */
  private ParquetFileReader open(Path source) throws IOException {
    return ParquetFileReader.open(HadoopInputFile.fromPath(source, conf), HadoopReadOptions.builder(conf, source).build());
  }

  private static Group copyOf(Group row, SimpleGroupFactory groups) {
    Group copy = groups.newGroup();
    for (int i = 0; i < row.getType().getFieldCount(); i++) {
      if (row.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      String name = row.getType().getFieldName(i);
      switch (row.getType().getType(i).asPrimitiveType().getPrimitiveTypeName()) {
        case BINARY -> copy.append(name, row.getBinary(i, 0));
        case INT32 -> copy.append(name, row.getInteger(i, 0));
        case INT64 -> copy.append(name, row.getLong(i, 0));
        case BOOLEAN -> copy.append(name, row.getBoolean(i, 0));
        case DOUBLE -> copy.append(name, row.getDouble(i, 0));
        case FLOAT -> copy.append(name, row.getFloat(i, 0));
        default -> throw new IllegalStateException("snapshot column " + name + " has an unexpected type "
            + row.getType().getType(i));
      }
    }
    return copy;
  }

  /**
   * The columns of every source, in the order first seen: files written by different caplens
   * versions may lack an optional column. A column is required only where every file requires it;
   * a column with two types is an error naming both.
   */
  private MessageType mergedSchema(List<Path> sources) throws IOException {
    Map<String, PrimitiveType> columns = new LinkedHashMap<>();
    Map<String, Integer> required = new LinkedHashMap<>();
    for (Path source : sources) {
      MessageType schema;
      try (ParquetFileReader reader = open(source)) {
        schema = reader.getFileMetaData().getSchema();
      }
      for (Type field : schema.getFields()) {
        PrimitiveType column = field.asPrimitiveType();
        PrimitiveType seen = columns.putIfAbsent(column.getName(), column);
        if (seen != null && (seen.getPrimitiveTypeName() != column.getPrimitiveTypeName()
            || !Objects.equals(seen.getLogicalTypeAnnotation(), column.getLogicalTypeAnnotation()))) {
          throw new IllegalStateException("cannot compact " + source.getParent() + ": column " + column.getName()
              + " is " + seen + " in one file and " + column + " in " + source.getName());
        }
        if (column.isRepetition(Type.Repetition.REQUIRED)) {
          required.merge(column.getName(), 1, Integer::sum);
        }
      }
    }
    List<Type> fields = new ArrayList<>();
    columns.forEach((name, column) -> {
      boolean everywhere = required.getOrDefault(name, 0) == sources.size();
      fields.add((everywhere ? Types.required(column.getPrimitiveTypeName()) : Types.optional(column.getPrimitiveTypeName()))
          .as(column.getLogicalTypeAnnotation()).named(name));
    });
    return new MessageType("snapshot", fields);
  }

  /** Deletes the files a committed manifest replaces, each only if it is still the file that was read. */
  private void deleteUnchanged(List<FileStatus> files, CompactionManifest manifest) throws IOException {
    for (FileStatus file : files) {
      CompactionManifest.ReplacedFile entry = manifest.entry(file.getPath().getName());
      if (entry == null || !entry.isSameFileAs(file)) {
        continue;
      }
      FileStatus now;
      try {
        now = fs.getFileStatus(file.getPath());
      } catch (FileNotFoundException e) {
        continue;
      }
      if (entry.isSameFileAs(now)) {
        fs.delete(file.getPath(), false);
      }
    }
  }

  /** Compacted files no manifest names: left by a compaction that died, or replaced by the last one. */
  private void deleteOrphans(Path partition, String current) throws IOException {
    Path dir = CompactionManifest.compactedDir(partition);
    if (!fs.exists(dir)) {
      return;
    }
    for (FileStatus file : fs.listStatus(dir)) {
      String name = file.getPath().getName();
      if (name.startsWith(CompactionManifest.COMPACTED_PREFIX) && !name.equals(current)) {
        fs.delete(file.getPath(), false);
      }
    }
  }
}
