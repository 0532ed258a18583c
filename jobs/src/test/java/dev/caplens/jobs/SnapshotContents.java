package dev.caplens.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.Type;

/**
 * What a warehouse's snapshots say, independent of which run wrote them: per snapshot file (by
 * its path under {@code snapshots/}), its rows as text without {@code run_id}, sorted. Two
 * warehouses that read the same API data have equal contents, so a faulty run can be compared
 * row for row with a fault-free one.
 */
final class SnapshotContents {

  private SnapshotContents() {}

  static Map<String, List<String>> of(Path warehouse) throws IOException {
    Path snapshots = warehouse.resolve("snapshots");
    Map<String, List<String>> contents = new TreeMap<>();
    for (Path file : ParquetFiles.files(snapshots)) {
      contents.put(snapshots.relativize(file).toString(), rows(file));
    }
    return contents;
  }

  /** One Parquet file's rows as sorted text, without run_id. */
  static List<String> rows(Path file) throws IOException {
    List<String> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(text(g));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static String text(Group row) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < row.getType().getFieldCount(); i++) {
      Type field = row.getType().getType(i);
      if (field.getName().equals("run_id")) {
        continue;
      }
      text.append(field.getName()).append('=')
          .append(row.getFieldRepetitionCount(i) == 0 ? "null" : row.getValueToString(i, 0)).append(';');
    }
    return text.toString();
  }
}
