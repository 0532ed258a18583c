package dev.caplens.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a report directory by relative path, with its bytes, for byte-for-byte comparisons. */
final class ReportFiles {

  private ReportFiles() {}

  static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
