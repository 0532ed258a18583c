package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.sample.server.SampleCloudServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code caplens-spark.jar} under {@code spark-submit} on a real standalone cluster
 * (Master and Worker on 127.0.0.1): transform and report of a sample warehouse give byte for byte
 * the report files of a local-mode run over a copy of the same snapshots.
 */
class SparkSubmitIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir
  Path dir;

  @Test
  void transformAndReportOnAStandaloneClusterEqualLocalMode() throws Exception {
    Path local = Files.createDirectories(dir.resolve("local"));
    Path prices;
    try (SampleCloudServer server = SampleCloudServer.start(3)) {
      CaplensConfig cfg = CaplensConfig.load(SampleClouds.writeConfig(server, local, 0));
      prices = Path.of(cfg.prices());
      SampleClouds.ingest(server, cfg, Stream.of("00", "06", "12", "18")
          .map(hour -> Instant.parse(DAY + "T" + hour + ":00:00Z")).toList());
    }
    Path clusterWarehouse = copyTree(local.resolve("warehouse"), dir.resolve("cluster/warehouse"));

    PipelineJobs.transformAndReport(local.resolve("warehouse").toString(), DAY, DAY, prices.toString(),
        CaplensConfig.EMPTY.maxCarryHours(), local.resolve("report"));

    Path clusterReport = dir.resolve("cluster/report");
    try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("spark"), sparkJars(), jvmFlags())) {
      submit(cluster, "transform", "--warehouse", clusterWarehouse.toString(), "--from", DAY.toString(),
          "--to", DAY.toString(), "--prices", prices.toString());
      submit(cluster, "report", "--warehouse", clusterWarehouse.toString(), "--from", DAY.toString(),
          "--to", DAY.toString(), "--out", clusterReport.toString());
      // The work ran in executors the Worker launched, not in the driver.
      assertThat(dir.resolve("spark/work")).isDirectoryRecursivelyContaining("glob:**/app-*/0/stderr");
    }

    Map<String, byte[]> expected = ReportFiles.contents(local.resolve("report"));
    assertThat(expected).containsKeys("reservations.csv", "accounts.csv", "summary.html");
    assertThat(new String(expected.get("reservations.csv")).lines()).hasSizeGreaterThan(5);
    assertThat(ReportFiles.contents(clusterReport)).containsOnlyKeys(expected.keySet())
        .allSatisfy((name, bytes) -> assertThat(new String(bytes)).as(name).isEqualTo(new String(expected.get(name))));
  }

  private static void submit(StandaloneCluster cluster, String... caplensArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "--master", cluster.masterUrl(), "--deploy-mode", "client",
        "--class", CaplensCli.class.getName(),
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.cores.max=1",
        "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags()) + " -Duser.timezone=UTC",
        Path.of(System.getProperty("caplens.sparkJar")).toString()));
    args.addAll(Arrays.asList(caplensArgs));
    String name = "submit-" + caplensArgs[0];
    int exitCode = cluster.run(name, cluster.java("-Xmx768m", "org.apache.spark.deploy.SparkSubmit",
        args.toArray(String[]::new)), Duration.ofMinutes(8));
    assertThat(exitCode).as("spark-submit %s; log:%n%s", caplensArgs[0], tail(cluster.log(name))).isZero();
  }

  private static List<Path> sparkJars() throws IOException {
    List<Path> jars = new ArrayList<>();
    for (String file : System.getProperty("caplens.sparkClasspath").split(",")) {
      String classpath = Files.readString(Path.of(file)).strip();
      Arrays.stream(classpath.split(java.io.File.pathSeparator)).map(Path::of).forEach(jars::add);
    }
    return jars.stream().distinct().toList();
  }

  private static List<String> jvmFlags() {
    return Arrays.asList(System.getProperty("caplens.jvmFlags").trim().split("\\s+"));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }
}
