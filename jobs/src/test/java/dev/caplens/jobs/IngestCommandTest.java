package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caplens ingest} as an operator runs it: SDK endpoints and credentials from the
 * environment, the account found through STS, exit code 3 when a scope cannot be read.
 */
class IngestCommandTest {

  @TempDir
  Path dir;

  @Test
  void aScopeThatCannotBeReadGivesExit3AndNamesIt() throws Exception {
    try (SampleCloudServer server = SampleCloudServer.start(2)) {
      server.useSnapshot(Instant.parse("2026-11-20T13:00:00Z"));
      server.injectFaults(FaultPlan.scope(SampleOrganisation.PLATFORM_ACCOUNT, "eu-west-1",
          Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
      var account = server.organisation().demoAccount();

      CaplensProcess.Result result = CaplensProcess.run(dir, Map.of(
              "AWS_ENDPOINT_URL", server.endpoint().toString(),
              "AWS_ACCESS_KEY_ID", account.accessKeyId(),
              "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
              "AWS_REGION", "us-east-1"),
          "ingest", "--provider", "aws", "--warehouse", dir.resolve("w").toString(),
          "--regions", "us-east-1,eu-west-1", "--snapshot-time", "2026-11-20T13:00:00Z");

      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
      assertThat(result.stderr()).contains("1 scope(s) published, 1 failed")
          .contains("aws:111111111111/eu-west-1/ec2").contains("UnauthorizedOperation")
          .doesNotContain("\tat ");
      assertThat(ParquetFiles.rows(dir.resolve("w/snapshots/reservations"))).hasSize(5);
      assertThat(ParquetFiles.files(dir.resolve("w/runs"))).isEmpty();
      assertThat(dir.resolve("w/runs")).isDirectoryRecursivelyContaining("glob:**/manifest.json");
    }
  }

  @Test
  void accountsFromTheConfigAreReadThroughTheirRoles() throws Exception {
    try (SampleCloudServer server = SampleCloudServer.start(2)) {
      server.useSnapshot(Instant.parse("2026-11-20T13:00:00Z"));
      var base = server.organisation().demoAccount();
      Path config = dir.resolve("caplens.yaml");
      java.nio.file.Files.writeString(config, """
          warehouse: %s
          aws:
            regions: [us-east-1]
            accounts:
              - id: "222222222222"
                role-arn: arn:aws:iam::222222222222:role/caplens-read
                external-id: caplens
              - id: "333333333333"
                role-arn: arn:aws:iam::333333333333:role/caplens-read
          """.formatted(dir.resolve("w")));

      CaplensProcess.Result result = CaplensProcess.run(dir, Map.of(
              "AWS_ENDPOINT_URL", server.endpoint().toString(),
              "AWS_ACCESS_KEY_ID", base.accessKeyId(),
              "AWS_SECRET_ACCESS_KEY", base.secretAccessKey(),
              "AWS_REGION", "us-east-1"),
          "ingest", "--provider", "aws", "--config", config.toString(), "--snapshot-time", "2026-11-20T13:00:00Z");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      // Each account's own view: the files are named after the account the role belongs to.
      assertThat(ParquetFiles.files(dir.resolve("w/snapshots/scopes")))
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("part-20261120T130000Z-222222222222-us-east-1-ec2.parquet",
              "part-20261120T130000Z-333333333333-us-east-1-ec2.parquet");
      assertThat(server.calls()).anyMatch(c -> c.action().equals("AssumeRole"));
      assertThat(server.calls()).filteredOn(c -> c.action().equals("DescribeCapacityReservations"))
          .extracting(c -> c.accountId()).containsOnly("222222222222", "333333333333");
    }
  }

  @Test
  void missingAlibabaCredentialsAreAUsageError() throws Exception {
    CaplensProcess.Result result = CaplensProcess.run(dir, Map.of(),
        "ingest", "--provider", "aliyun", "--warehouse", dir.resolve("w").toString(), "--regions", "cn-hangzhou");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip().lines()).singleElement().asString()
        .contains("ALIBABA_CLOUD_ACCESS_KEY_ID");
    assertThat(dir.resolve("w")).doesNotExist();
  }
}
