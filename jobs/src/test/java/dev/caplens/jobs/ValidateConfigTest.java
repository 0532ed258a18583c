package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caplens validate-config}: the shipped example is valid and complete; each mistake is named by its key. */
class ValidateConfigTest {

  static final Path EXAMPLE = Path.of("../sample-data/config/caplens.example.yaml");

  @TempDir
  Path dir;

  record Outcome(int exitCode, String stdout, String stderr) {}

  @Test
  void theExampleConfigIsValidOnceItsFilesExist() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("prices.csv"), "provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n");
    Files.writeString(etc.resolve("smtp-password"), "secret\n");
    Path config = write(Files.readString(EXAMPLE).replace("/etc/caplens/", etc + "/"));

    Outcome outcome = validate(config);

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    assertThat(outcome.stdout()).contains("is valid").contains("reports in /var/lib/caplens/reports")
        .contains("aws ec2 (2 region(s) x 2 account(s)), outposts, aliyun (1 region(s))");
  }

  @Test
  void theExampleDocumentsEveryKeyTheConfigAccepts() throws Exception {
    JsonNode example = new ObjectMapper(new YAMLFactory()).readTree(EXAMPLE.toFile());
    List<String> keys = keysOf(CaplensConfig.class, "");

    assertThat(keys).contains("warehouse", "reports", "aws.accounts[].role-arn", "transform.late-days",
        "email.smtp.password-file");
    assertThat(keys).allSatisfy(key -> assertThat(present(example, key)).as("example sets " + key).isTrue());
  }

  @Test
  void anUnknownNestedKeyIsNamed() throws Exception {
    Outcome outcome = validate(write("""
        warehouse: /tmp/w
        aws:
          regions: [us-east-1]
        transform:
          late-day: 3
        """));

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("key 'transform.late-day': unknown key").doesNotContain("\tat ");
  }

  @Test
  void everyProblemIsListedWithItsKey() throws Exception {
    Outcome outcome = validate(write("""
        warehouse: s3a://bucket/caplens
        aws:
          regions: [us-east-1, US East]
          accounts:
            - id: "222222222222"
              role-arn: arn:aws:iam::333333333333:role/caplens-read
            - id: 12345
        transform:
          late-days: -1
          max-carry-hours: 0
        email:
          from: caplens@example.com
          to: [finance]
          smtp:
            host: smtp.example.com
            port: 70000
            starttls: maybe
        """));

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr().lines().toList()).hasSize(9).allSatisfy(line -> assertThat(line).startsWith("caplens: config "));
    assertThat(outcome.stderr())
        .contains("key 'reports': required when the warehouse is s3a://bucket/caplens")
        .contains("key 'aws.regions[1]': not a region name: US East")
        .contains("key 'aws.accounts[0].role-arn': role is in account 333333333333, not 222222222222")
        .contains("key 'aws.accounts[1].id': an AWS account id is 12 digits")
        .contains("key 'transform.late-days': must be 0 to 31, got -1")
        .contains("key 'transform.max-carry-hours': must be 1 or more, got 0")
        .contains("key 'email.to[0]': not an address: finance")
        .contains("key 'email.smtp.port': must be 1 to 65535, got 70000")
        .contains("key 'email.smtp.starttls': must be one of off, required, got maybe");
  }

  @Test
  void aliyunRoleMistakesAreNamed() throws Exception {
    Outcome wrongAccount = validate(write("""
        warehouse: /tmp/w
        aliyun:
          regions: [cn-hangzhou]
          account-id: "5123456789012345"
          role-arn: acs:ram::5987654321098765:role/caplens-read
          role-session-name: a
        """));
    Outcome notAnArn = validate(write("""
        warehouse: /tmp/w
        aliyun:
          regions: [cn-hangzhou]
          role-arn: arn:aws:iam::222222222222:role/caplens-read
        """));

    assertThat(wrongAccount.exitCode()).isEqualTo(2);
    assertThat(wrongAccount.stderr().lines().toList()).hasSize(2);
    assertThat(wrongAccount.stderr())
        .contains("key 'aliyun.role-arn': role is in account 5987654321098765, not 5123456789012345")
        .contains("key 'aliyun.role-session-name': 2 to 64 letters, digits or . @ - _, got a");
    assertThat(notAnArn.exitCode()).isEqualTo(2);
    assertThat(notAnArn.stderr())
        .contains("key 'aliyun.role-arn': must look like acs:ram::<account-id>:role/<role-name>");
  }

  @Test
  void aConfigWithoutWarehouseOrSourcesIsRefused() throws Exception {
    Outcome outcome = validate(write("prices: " + dir.resolve("missing.csv") + "\n"));

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("key 'warehouse': required")
        .contains("key 'prices': file " + dir.resolve("missing.csv") + " cannot be read")
        .contains("no source to ingest: set 'aws.regions' and/or 'aliyun.regions'");
  }

  @Test
  void aWrongTypeIsNamed() throws Exception {
    Outcome outcome = validate(write("warehouse: /tmp/w\naws:\n  regions: [us-east-1]\ntransform:\n  late-days: two\n"));

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("key 'transform.late-days'");
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "caplens", ".yaml"), yaml);
  }

  private static Outcome validate(Path config) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exitCode = CaplensCli.execute("validate-config", config.toString());
      return new Outcome(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** Every key path of the config records: {@code aws.accounts[].id} for a list of records. */
  private static List<String> keysOf(Class<?> record, String prefix) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : record.getRecordComponents()) {
      String key = prefix + component.getAccessor().getAnnotation(JsonProperty.class).value();
      Class<?> type = component.getType();
      Type generic = component.getGenericType();
      if (type.isRecord()) {
        keys.addAll(keysOf(type, key + "."));
      } else if (generic instanceof ParameterizedType list
          && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
        keys.addAll(keysOf(element, key + "[]."));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  private static boolean present(JsonNode node, String key) {
    String[] parts = key.split("\\.", 2);
    String name = parts[0].replace("[]", "");
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      return false;
    }
    if (parts.length == 1) {
      return true;
    }
    JsonNode next = parts[0].endsWith("[]") ? child.get(0) : child;
    return next != null && present(next, parts[1]);
  }
}
