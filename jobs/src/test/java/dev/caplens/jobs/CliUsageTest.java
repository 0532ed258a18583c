package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines and configs: one line naming the option or key, exit 2, nothing touched. */
class CliUsageTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void captureStreams() {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStreams() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  @Test
  void helpListsTheCommands() {
    assertThat(CaplensCli.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo", "ingest", "transform", "report");
  }

  @Test
  void unknownOptionIsOneLineAndExit2() {
    assertThat(CaplensCli.execute("transform", "--warehouse", dir.toString(), "--frm", "2026-11-20")).isEqualTo(2);
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message.lines()).hasSize(1);
    assertThat(message).contains("--frm");
  }

  @Test
  void malformedDateNamesTheOption() {
    assertThat(CaplensCli.execute("transform", "--warehouse", dir.toString(), "--from", "2026-13-01",
        "--to", "2026-11-20")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from").contains("2026-13-01");
  }

  @Test
  void reversedRangeIsAUsageError() {
    assertThat(CaplensCli.execute("transform", "--warehouse", dir.toString(), "--from", "2026-11-21",
        "--to", "2026-11-20")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--to 2026-11-20 is before --from 2026-11-21");
  }

  @Test
  void unknownProviderListsTheValidOnes() {
    assertThat(CaplensCli.execute("ingest", "--warehouse", dir.toString(), "--provider", "gcp")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--provider").contains("aws");
  }

  @Test
  void unknownConfigKeyIsNamed() throws Exception {
    Path config = dir.resolve("caplens.yaml");
    Files.writeString(config, "warehouse: /tmp/w\naws:\n  regoins: [us-east-1]\n");
    assertThat(CaplensCli.execute("ingest", "--provider", "aws", "--config", config.toString())).isEqualTo(2);
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message.lines()).hasSize(1);
    assertThat(message).contains("aws.regoins").contains("unknown key");
    assertThat(dir.resolve("w")).doesNotExist();
  }

  @Test
  void badAccountIdInConfigIsNamed() throws Exception {
    Path config = dir.resolve("caplens.yaml");
    Files.writeString(config, "warehouse: " + dir.resolve("w") + "\naws:\n  regions: [us-east-1]\n"
        + "  accounts:\n    - id: \"12345\"\n");
    assertThat(CaplensCli.execute("ingest", "--provider", "aws", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("aws.accounts").contains("12 digits");
    assertThat(dir.resolve("w")).doesNotExist();
  }

  @Test
  void aWarehouseWithoutSnapshotsIsAUsageErrorNotAnEmptyResult() {
    assertThat(CaplensCli.execute("transform", "--warehouse", dir.resolve("typo").toString(), "--from", "2026-11-20",
        "--to", "2026-11-20")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no snapshots/");
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  void aNegativeRateIsAUsageErrorNamingTheLine() throws Exception {
    Files.createDirectories(dir.resolve("w/snapshots"));
    Path prices = dir.resolve("prices.csv");
    Files.writeString(prices, "provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n"
        + "aws,us-east-1,m5.large,*,on-demand,-1,USD\n");
    assertThat(CaplensCli.execute("transform", "--warehouse", dir.resolve("w").toString(), "--from", "2026-11-20",
        "--to", "2026-11-20", "--prices", prices.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2").contains("negative");
  }

  @Test
  void missingWarehouseIsNamed() {
    assertThat(CaplensCli.execute("ingest", "--provider", "aws", "--regions", "us-east-1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--warehouse");
  }
}
