package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.CloudService;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the pipeline as an operator would, with recognisable credentials (AWS keys and a session
 * token, roles assumed through STS, Alibaba keys) and with scopes that fail, then searches every
 * output for them: stdout, stderr, manifests, snapshots, marts and reports, Parquet read back as text.
 */
class SecretsLeakTest {

  static final Instant AT = Instant.parse("2026-11-20T13:00:00Z");
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEJr-caplens-leak-canary-session-token-4f1c";
  /** The shape of an Authorization header value (SigV4, and Alibaba's ACS3) and of assumed-role key ids. */
  static final List<Pattern> SECRET_SHAPES = List.of(
      Pattern.compile("AWS4-HMAC-SHA256"), Pattern.compile("Signature="), Pattern.compile("ACS3-HMAC-SHA256"),
      Pattern.compile("(?i)authorization"), Pattern.compile("ASIA[A-Z0-9]{16}"), Pattern.compile("x-amz-security-token", Pattern.CASE_INSENSITIVE),
      Pattern.compile("x-acs-security-token", Pattern.CASE_INSENSITIVE), Pattern.compile("STS\\.[A-Za-z0-9]{20,}"));

  @TempDir
  Path dir;

  @Test
  void noCredentialOrAuthorizationHeaderReachesAnyOutput() throws Exception {
    List<String> outputs = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    Path warehouse = dir.resolve("w");
    Path report = dir.resolve("report");
    try (SampleCloudServer server = SampleCloudServer.start(2)) {
      server.useSnapshot(AT);
      SampleOrganisation org = server.organisation();
      var aws = org.demoAccount();
      // Alibaba is read as a RAM role, so the STS call and its session credentials are covered too.
      var aliyun = org.assumeOnlyAliyunUser().orElseThrow();
      secrets.addAll(List.of(aws.accessKeyId(), aws.secretAccessKey(), SESSION_TOKEN,
          aliyun.accessKeyId(), aliyun.accessKeySecret()));
      Path config = dir.resolve("caplens.yaml");
      Files.writeString(config, """
          warehouse: %s
          aws:
            regions: [us-east-1, eu-west-1]
            accounts:
              - id: "111111111111"
              - id: "222222222222"
                role-arn: arn:aws:iam::222222222222:role/caplens-read
                external-id: caplens-external
          aliyun:
            regions: [cn-hangzhou]
            endpoint: %s
            count-pool-instances: true
            role-arn: %s
          """.formatted(warehouse, server.endpoint(), org.aliyunReadRole(org.aliyunAccount().id())));
      Map<String, String> env = new HashMap<>(Map.of(
          "AWS_ENDPOINT_URL", server.endpoint().toString(),
          "AWS_ACCESS_KEY_ID", aws.accessKeyId(),
          "AWS_SECRET_ACCESS_KEY", aws.secretAccessKey(),
          "AWS_SESSION_TOKEN", SESSION_TOKEN,
          "AWS_REGION", "us-east-1",
          // The unreadable page fails after 2 SDK attempts, not 10 with backoff, each of caplens's 4 page attempts.
          "AWS_MAX_ATTEMPTS", "2",
          "ALIBABA_CLOUD_ACCESS_KEY_ID", aliyun.accessKeyId(),
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", aliyun.accessKeySecret()));

      // Failures put request details into error messages: one denied scope, one unreadable page, one throttled region.
      server.injectFaults(FaultPlan.scope("222222222222", "eu-west-1",
          Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
      outputs.add(run(env, 3, "ingest", "--provider", "aws", "--config", config.toString(), "--snapshot-time", AT.toString()));
      server.injectFaults(call -> call.service() == CloudService.OUTPOSTS && "eu-west-1".equals(call.region())
          ? Optional.of(Fault.truncatedReply()) : Optional.empty());
      outputs.add(run(env, 3, "ingest", "--provider", "outposts", "--config", config.toString(), "--snapshot-time", AT.toString()));
      server.injectFaults(FaultPlan.action(CloudService.ECS, "DescribeCapacityReservationInstances", Fault.error(
          403, "Forbidden.RAM", "User not authorized to operate on the specified resource.")));
      outputs.add(run(env, 3, "ingest", "--provider", "aliyun", "--config", config.toString(), "--snapshot-time", AT.toString()));
      server.injectFaults(FaultPlan.none());
      outputs.add(run(env, 0, "ingest", "--provider", "aliyun", "--config", config.toString(), "--snapshot-time", AT.toString()));
      Path prices = org.writePrices(dir.resolve("prices.csv"));
      outputs.add(run(env, 0, "transform", "--config", config.toString(), "--from", "2026-11-20", "--to", "2026-11-20",
          "--prices", prices.toString()));
      outputs.add(run(env, 0, "report", "--config", config.toString(), "--from", "2026-11-20", "--to", "2026-11-20",
          "--out", report.toString()));
      assertThat(server.calls()).anyMatch(c -> c.service() == CloudService.STS && c.action().equals("AssumeRole"))
          .anyMatch(c -> c.service() == CloudService.ALIYUN_STS);
    }
    outputs.addAll(filesAsText(warehouse));
    outputs.addAll(filesAsText(report));
    assertThat(outputs).anyMatch(text -> text.contains("UnauthorizedOperation"))
        .anyMatch(text -> text.contains("Forbidden.RAM"))
        .anyMatch(text -> text.contains("cr-0a11c0de000000001"));

    for (String text : outputs) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
      for (Pattern shape : SECRET_SHAPES) {
        assertThat(shape.matcher(text).find()).as("%s in:%n%s", shape, text).isFalse();
      }
    }
  }

  private String run(Map<String, String> env, int expectedExit, String... args) throws Exception {
    CaplensProcess.Result result = CaplensProcess.run(dir, env, args);
    assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.stderr()).isEqualTo(expectedExit);
    return result.stdout() + "\n" + result.stderr();
  }

  /** Every file under {@code root}: Parquet as its rows' text (its strings may be compressed), the rest as bytes. */
  private static List<String> filesAsText(Path root) throws Exception {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        texts.add(file.toString().endsWith(".parquet")
            ? String.join("\n", SnapshotContents.rows(file))
            : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return texts;
  }
}
