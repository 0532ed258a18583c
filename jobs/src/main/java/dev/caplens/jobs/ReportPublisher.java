package dev.caplens.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a report directory so that readers see the previous version or the new one, never a
 * half-written mix: the files go to a hidden sibling first, which then replaces the directory.
 */
final class ReportPublisher {

  /** Writes every file of a report into the directory it is given. */
  interface ReportWriter {
    void writeInto(Path dir) throws IOException;
  }

  private ReportPublisher() {}

  static void publish(Path dir, ReportWriter writer) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Path staging = parent.resolve("." + dir.getFileName() + ".new-" + suffix);
    Path previous = parent.resolve("." + dir.getFileName() + ".old-" + suffix);
    try {
      writer.writeInto(staging);
      if (Files.exists(dir)) {
        Files.move(dir, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteTree(staging);
      deleteTree(previous);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
