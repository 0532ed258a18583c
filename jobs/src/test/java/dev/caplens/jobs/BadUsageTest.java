package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines and config files for demo, ingest, transform and report: each gives exit 2
 * and one line on stderr naming the option or key, and leaves every file as it was.
 * {@code W} in a case is an existing warehouse, {@code CFG} a config file holding the case's YAML.
 */
class BadUsageTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() throws IOException {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Files.createDirectories(dir.resolve("w/snapshots/scopes"));
    Files.createDirectories(dir.resolve("w/marts"));
    Files.writeString(dir.resolve("w/snapshots/scopes/part-x.parquet"), "an earlier snapshot");
    Files.writeString(dir.resolve("w/marts/_current.json"), "{\"days\":{}}");
    Files.writeString(dir.resolve("prices.csv"),
        "provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n");
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
  }

  static Stream<Arguments> badUsage() {
    return Stream.of(
        Arguments.of("ingest --provider gcp --warehouse W --regions us-east-1", "", "--provider"),
        Arguments.of("ingest --provider aws --warehouse W --regions us-east-1 --snapshot-time 2026-11-20", "", "--snapshot-time"),
        Arguments.of("ingest --provider aws --warehouse W", "", "--regions"),
        Arguments.of("ingest --provider aws --regions us-east-1", "", "--warehouse"),
        Arguments.of("ingest --provider aws --config CFG", "warehouse: W\naws: [", "'aws'"),
        Arguments.of("ingest --provider aws --config CFG", "warehouse: W\naws:\n  region: [us-east-1]\n", "aws.region"),
        Arguments.of("ingest --provider aws --config CFG", "warehouse: W\naws:\n  regions: [us-east-1]\n  accounts:\n    - id: twelve\n", "aws.accounts"),
        Arguments.of("ingest --provider aws --config CFG", "warehouse: W\nemail:\n  smtp:\n    password: hunter2\n", "email.smtp.password"),
        Arguments.of("ingest --provider aliyun --config CFG", "warehouse: W\naliyun:\n  regions: [cn-hangzhou]\n  endpoint: 'not a url'\n", "endpoint"),
        Arguments.of("ingest --provider aws --warehouse W --regions us-east-1 --config missing.yaml", "", "missing.yaml"),
        Arguments.of("transform --warehouse W --from 2026-11-20", "", "--to"),
        Arguments.of("transform --warehouse W --from 2026-11-31 --to 2026-12-01", "", "--from"),
        Arguments.of("transform --warehouse W --from 2026-11-21 --to 2026-11-20", "", "--to"),
        Arguments.of("transform --warehouse W --from 2026-11-20 --to 2026-11-20 --prices missing.csv", "", "missing.csv"),
        Arguments.of("transform --config CFG --from 2026-11-20 --to 2026-11-20", "warehouse: W\ntransform:\n  max-carry-hours: 0\n", "transform.max-carry-hours"),
        Arguments.of("transform --config CFG --from 2026-11-20 --to 2026-11-20", "warehouse: W\ntransform:\n  max-carry-hours: soon\n", "transform.max-carry-hours"),
        Arguments.of("report --warehouse W --from 2026-11-20 --to 2026-11-20", "", "--out"),
        Arguments.of("report --warehouse W --from 2026-11-20 --to 2026-11-20 --out OUT --colour", "", "--colour"),
        Arguments.of("report --config CFG --from 2026-11-20 --to 2026-11-20 --out OUT", "warehous: W\n", "warehous"),
        Arguments.of("demo --out", "", "--out"));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("badUsage")
  void exitsWith2InOneLineNamingTheOptionOrKeyAndTouchesNothing(String commandLine, String yaml, String named)
      throws Exception {
    Path config = dir.resolve("caplens.yaml");
    Files.writeString(config, yaml.replace("W", dir.resolve("w").toString()));
    String[] args = Stream.of(commandLine.split(" "))
        .map(arg -> switch (arg) {
          case "W" -> dir.resolve("w").toString();
          case "CFG" -> config.toString();
          case "OUT" -> dir.resolve("out").toString();
          case "missing.yaml", "missing.csv" -> dir.resolve(arg).toString();
          default -> arg;
        })
        .toArray(String[]::new);
    Map<String, String> before = tree();

    int exit = CaplensCli.execute(args);

    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(message).isEqualTo(ExitCodes.USAGE);
    assertThat(message.strip().lines()).as(message).hasSize(1);
    assertThat(message).contains(named).doesNotContain("\tat ").doesNotContain("hunter2");
    assertThat(tree()).isEqualTo(before);
  }

  /** Every file under the test directory with its content and modification time. */
  private Map<String, String> tree() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        files.put(dir.relativize(path).toString(), Files.isDirectory(path) ? "dir"
            : Files.readString(path) + "@" + Files.getLastModifiedTime(path).toMillis());
      }
    }
    return files;
  }
}
