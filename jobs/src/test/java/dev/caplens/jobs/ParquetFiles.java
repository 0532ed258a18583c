package dev.caplens.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads snapshot Parquet files back as plain rows, without Spark. */
final class ParquetFiles {

  private ParquetFiles() {}

  /** Every row of every Parquet file under a table directory. */
  static List<Group> rows(Path tableDir) throws IOException {
    List<Group> rows = new ArrayList<>();
    for (Path file : files(tableDir)) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          rows.add(g);
        }
      }
    }
    return rows;
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  static String string(Group row, String column) {
    return row.getFieldRepetitionCount(column) == 0 ? null : row.getString(column, 0);
  }

  static Integer integer(Group row, String column) {
    return row.getFieldRepetitionCount(column) == 0 ? null : row.getInteger(column, 0);
  }
}
