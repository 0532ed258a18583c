package dev.caplens.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed wire responses under src/main/resources/sample-org are exactly what the generator
 * produces. Run with CAPLENS_REGENERATE=1 to rewrite them after changing the organisation.
 */
class SampleOrgFilesTest {

  private static final Path COMMITTED = Path.of("src/main/resources", SampleOrgLayout.ROOT);

  @Test
  void committedFilesMatchTheGenerator() throws IOException {
    SortedMap<String, String> generated = SampleOrgFiles.render(new SampleOrganisation());
    if ("1".equals(System.getenv("CAPLENS_REGENERATE"))) {
      regenerate(generated);
    }
    SortedMap<String, String> committed = readCommitted();

    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> file : generated.entrySet()) {
      String onDisk = committed.get(file.getKey());
      if (onDisk == null) {
        differences.add("missing: " + file.getKey());
      } else if (!onDisk.equals(file.getValue())) {
        differences.add("differs: " + file.getKey());
      }
    }
    committed.keySet().stream().filter(path -> !generated.containsKey(path))
        .forEach(path -> differences.add("not generated: " + path));

    assertThat(differences)
        .as("sample-org files out of date; rerun with CAPLENS_REGENERATE=1 and review the diff")
        .isEmpty();
  }

  @Test
  void everySnapshotHasTheSameScopes() {
    SortedMap<String, String> generated = SampleOrgFiles.render(new SampleOrganisation());
    for (var t : new SampleOrganisation().snapshotTimes()) {
      String dir = SampleOrgLayout.snapshotDirectory(t) + "/";
      for (String account : List.of("111111111111", "222222222222", "333333333333")) {
        for (String region : List.of("us-east-1", "eu-west-1")) {
          assertThat(generated).containsKey(dir + "ec2/" + account + "/" + region + "/DescribeCapacityReservations.xml");
          assertThat(generated).containsKey(dir + "outposts/" + account + "/" + region + "/ListOutposts.json");
        }
      }
      assertThat(generated).containsKey(dir + "ecs/5123456789012345/cn-hangzhou/DescribeCapacityReservations.json");
    }
  }

  private static void regenerate(SortedMap<String, String> generated) throws IOException {
    if (Files.exists(COMMITTED)) {
      try (Stream<Path> paths = Files.walk(COMMITTED)) {
        for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(path);
        }
      }
    }
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path target = COMMITTED.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static SortedMap<String, String> readCommitted() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.exists(COMMITTED)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(COMMITTED)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String relative = COMMITTED.relativize(path).toString().replace('\\', '/');
        files.put(relative, Files.readString(path, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
