package dev.caplens.transform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Which version of each day the marts currently hold: {@code marts/_current.json}, one small file
 * mapping each day to the transform run that wrote it. A day's rows in every mart live under
 * {@code marts/<table>/date=<d>/version=<run>/}; a transform writes its versions first and then
 * replaces this file in one rename, so readers see the whole of a run or none of it, across days
 * and tables, whenever the run is killed.
 */
record MartVersions(Map<LocalDate, String> days) {

  static final String FILE = "_current.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  MartVersions {
    days = Collections.unmodifiableMap(new TreeMap<>(days));
  }

  /** The committed versions; none when no transform has committed yet. */
  static MartVersions read(WarehousePaths paths) {
    Path file = paths.martVersionsFile();
    if (!paths.exists(file)) {
      return new MartVersions(Map.of());
    }
    try (InputStream in = paths.fileSystem().open(file)) {
      Map<String, String> byDay = JSON.readValue(in, new TypeReference<Map<String, Map<String, String>>>() { })
          .getOrDefault("days", Map.of());
      Map<LocalDate, String> days = new TreeMap<>();
      byDay.forEach((day, version) -> days.put(LocalDate.parse(day), version));
      return new MartVersions(days);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** These versions with every day of {@code period} now at {@code version}. */
  MartVersions with(DayRange period, String version) {
    Map<LocalDate, String> next = new TreeMap<>(days);
    period.days().forEach(day -> next.put(day, version));
    return new MartVersions(next);
  }

  String version(LocalDate day) {
    return days.get(day);
  }

  /** Replaces the file in one rename: the commit point of a transform. */
  void commit(WarehousePaths paths, String writer) {
    Path file = paths.martVersionsFile();
    Path staged = new Path(file.getParent(), "." + FILE + "." + writer + ".tmp");
    Map<String, String> byDay = new TreeMap<>();
    days.forEach((day, version) -> byDay.put(day.toString(), version));
    try {
      try (OutputStream out = paths.fileSystem().create(staged, true)) {
        JSON.writeValue(out, Map.of("days", byDay));
      }
      FileContext.getFileContext(file.toUri(), paths.fileSystem().getConf())
          .rename(staged, file, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + file + ": " + e.getMessage(), e);
    }
  }
}
