package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aws.AwsAccount;
import dev.caplens.ingest.aws.DefaultAwsClientFactory;
import dev.caplens.ingest.prices.AliyunPriceSource;
import dev.caplens.ingest.prices.AwsPriceListSource;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.server.ApiCall;
import dev.caplens.sample.server.CloudService;
import dev.caplens.sample.server.Fault;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import dev.caplens.transform.PriceFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code caplens prices} against the sample server: the instance types of an ingested warehouse,
 * priced through the real AWS SDK pricing client (AWS JSON 1.1) and the real Tea client.
 */
class PricesCommandTest {

  static final Instant AT = Instant.parse("2026-11-20T12:00:00Z");
  static final String HEADER = "provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n";
  static final List<String> AWS_REGIONS = List.of("us-east-1", "eu-west-1");

  static SampleCloudServer server;
  @TempDir
  static Path warehouse;

  @TempDir
  Path dir;

  @BeforeAll
  static void ingestTheSample() {
    server = SampleCloudServer.start(1);
    server.useSnapshot(AT);
    var account = server.organisation().awsAccount(SampleOrganisation.PLATFORM_ACCOUNT);
    var clients = new DefaultAwsClientFactory(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())),
        server.endpoint(), server.endpoint(), server.endpoint(), 10);
    assertThat(AwsIngestJob.run(Warehouse.open(warehouse.toString()), clients, AwsIngestJob.Source.EC2,
        List.of(AwsAccount.withDefaultCredentials(account.id())), AWS_REGIONS, AT, line -> { }).failures()).isEmpty();
    assertThat(AwsIngestJob.run(Warehouse.open(warehouse.toString()), clients, AwsIngestJob.Source.OUTPOSTS,
        List.of(AwsAccount.withDefaultCredentials(account.id())), AWS_REGIONS, AT, line -> { }).failures()).isEmpty();
    AliyunAccount aliyun = server.organisation().aliyunAccount();
    assertThat(AliyunIngestJob.run(Warehouse.open(warehouse.toString()), aliyunClients(), AliyunRetry.withDelay(Duration.ZERO),
        aliyun.id(), List.of("cn-hangzhou"), false, AT, line -> { }).failures()).isEmpty();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void noFaults() {
    server.injectFaults(FaultPlan.none());
  }

  private static DefaultAliyunClientFactory aliyunClients() {
    AliyunAccount account = server.organisation().aliyunAccount();
    return new DefaultAliyunClientFactory(account.accessKeyId(), account.accessKeySecret(), server.endpoint());
  }

  private static AwsPriceListSource priceList() {
    var account = server.organisation().demoAccount();
    return AwsPriceListSource.create(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())), server.endpoint());
  }

  @Test
  void awsOnDemandRatesReplaceTheirRowsAndEveryOtherRowIsKept() throws Exception {
    Path out = dir.resolve("prices.csv");
    Files.writeString(out, HEADER
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.09,USD\n"          // stale: replaced by 0.096
        + "aws,us-east-1,p5.48xlarge,*,capacity-block,31.464,USD\n"          // not in the on-demand offer: kept
        + "aws,us-east-1,m5.xlarge,*,outpost,0.25,USD\n"                     // Outposts: kept
        + "aws,eu-west-1,x2idn.16xlarge,Linux/UNIX,on-demand,6.669,USD\n"    // the Price List has none: kept
        + "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY\n");         // another provider: kept
    int before = server.calls().size();

    PricesJob.Outcome outcome;
    try (var source = priceList()) {
      outcome = PricesJob.run(SparkSessions.getOrCreate("test"), warehouse.toString(), source, AWS_REGIONS, out, l -> { });
    }

    // The ODCRs' and interruptible reservations' types; the capacity block's p5.48xlarge and the
    // Outpost's types are not looked up.
    assertThat(Files.readString(out)).isEqualTo(HEADER
        + "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY\n"
        + "aws,eu-west-1,m6i.xlarge,Linux/UNIX,on-demand,0.214,USD\n"
        + "aws,eu-west-1,x2idn.16xlarge,Linux/UNIX,on-demand,6.669,USD\n"
        + "aws,us-east-1,c5.xlarge,Linux/UNIX,on-demand,0.17,USD\n"
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n"
        + "aws,us-east-1,m5.xlarge,*,outpost,0.25,USD\n"
        + "aws,us-east-1,p5.48xlarge,*,capacity-block,31.464,USD\n"
        + "aws,us-east-1,r5.2xlarge,Linux/UNIX,on-demand,0.504,USD\n");
    assertThat(outcome.notListed()).extracting(Object::toString).containsExactly("eu-west-1 x2idn.16xlarge Linux/UNIX");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.merge()).extracting(PricesJob.Merge::added, PricesJob.Merge::changed, PricesJob.Merge::unchanged,
        PricesJob.Merge::kept).containsExactly(3, 1, 0, 4);
    List<ApiCall> calls = server.calls().subList(before, server.calls().size());
    assertThat(calls).hasSize(5).allSatisfy(call -> {
      assertThat(call.service()).isEqualTo(CloudService.PRICING);
      assertThat(call.action()).isEqualTo("GetProducts");
    });
  }

  @Test
  void aliyunRatesComeFromDescribePriceThroughThrottling() throws Exception {
    Path out = dir.resolve("prices.csv");
    server.injectFaults(call -> call.number() == 1 ? Optional.of(Fault.aliyunThrottling()) : Optional.empty());

    PricesJob.Outcome outcome;
    try (var source = new AliyunPriceSource(aliyunClients(), AliyunRetry.withDelay(Duration.ofMillis(10)))) {
      outcome = PricesJob.run(SparkSessions.getOrCreate("test"), warehouse.toString(), source, List.of("cn-hangzhou"),
          out, l -> { });
    }

    // The instance's own trade price (the recorded replies add 0.021 CNY of system disk to the total).
    assertThat(Files.readString(out)).isEqualTo(HEADER
        + "aliyun,cn-hangzhou,ecs.c7.xlarge,linux,on-demand,1.12,CNY\n"
        + "aliyun,cn-hangzhou,ecs.g7.large,linux,on-demand,0.69,CNY\n");
    assertThat(outcome.complete()).isTrue();
    assertThat(server.calls()).filteredOn(c -> "DescribePrice".equals(c.action())).hasSize(3);
  }

  @Test
  void anInvalidExistingFileStopsTheRunBeforeAnyCallAndIsLeftAlone() throws Exception {
    Path out = dir.resolve("prices.csv");
    String broken = HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,-1,USD\n";
    Files.writeString(out, broken);
    int before = server.calls().size();

    try (var source = priceList()) {
      assertThatThrownBy(() -> PricesJob.run(SparkSessions.getOrCreate("test"), warehouse.toString(), source,
          AWS_REGIONS, out, l -> { }))
          .isInstanceOf(PriceFileException.class)
          .hasMessageContaining("line 2: hourly_rate -1 is negative");
    }
    assertThat(Files.readString(out)).isEqualTo(broken);
    assertThat(server.calls()).hasSize(before);
  }

  @Test
  void theCommandLineUsesTheSdkEndpointSettingsAndExitsThreeForAnUnpricedType() throws Exception {
    var account = server.organisation().demoAccount();
    Path out = dir.resolve("prices.csv");

    CaplensProcess.Result result = CaplensProcess.run(dir, Map.of(
            "AWS_ENDPOINT_URL_PRICING", server.endpoint().toString(),
            "AWS_ACCESS_KEY_ID", account.accessKeyId(),
            "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
            "AWS_REGION", "us-east-1"),
        "prices", "--provider", "aws", "--regions", "us-east-1,eu-west-1", "--out", out.toString(),
        "--warehouse", warehouse.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(result.stdout()).contains("prices aws: 4 on-demand rates written to " + out + " (4 new, 0 changed");
    assertThat(result.stderr()).contains("caplens: no aws on-demand price listed for eu-west-1 x2idn.16xlarge Linux/UNIX");
    assertThat(Files.readAllLines(out)).hasSize(5).contains("aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD");
  }
}
