package dev.caplens.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caplens.transform.FxRates;
import dev.caplens.transform.TransformParams;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The YAML config file of DESIGN.md. Every key is optional; commands check what they need. */
public record CaplensConfig(
    @JsonProperty("warehouse") String warehouse,
    @JsonProperty("prices") String prices,
    @JsonProperty("reports") String reports,
    @JsonProperty("aws") Aws aws,
    @JsonProperty("aliyun") Aliyun aliyun,
    @JsonProperty("transform") Transform transform,
    @JsonProperty("email") Email email,
    @JsonProperty("fx") Fx fx) {

  public record Aws(
      @JsonProperty("regions") List<String> regions,
      @JsonProperty("outposts") Boolean outposts,
      @JsonProperty("accounts") List<Account> accounts) {}

  public record Account(
      @JsonProperty("id") String id,
      @JsonProperty("role-arn") String roleArn,
      @JsonProperty("external-id") String externalId) {}

  public record Aliyun(
      @JsonProperty("regions") List<String> regions,
      @JsonProperty("endpoint") String endpoint,
      @JsonProperty("account-id") String accountId,
      @JsonProperty("count-pool-instances") Boolean countPoolInstances,
      @JsonProperty("role-arn") String roleArn,
      @JsonProperty("role-session-name") String roleSessionName) {}

  public record Transform(
      @JsonProperty("max-carry-hours") Integer maxCarryHours,
      @JsonProperty("late-days") Integer lateDays) {}

  public record Email(
      @JsonProperty("from") String from,
      @JsonProperty("to") List<String> to,
      @JsonProperty("smtp") Smtp smtp) {}

  public record Smtp(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("username") String username,
      @JsonProperty("starttls") String starttls,
      @JsonProperty("password-file") String passwordFile,
      @JsonProperty("verify-certificate") Boolean verifyCertificate) {}

  /**
   * Optional conversion of every cost to one reporting currency: {@code rates} maps a currency to
   * how many units of the reporting currency one unit of it is worth.
   */
  public record Fx(
      @JsonProperty("reporting-currency") String reportingCurrency,
      @JsonProperty("rates") Map<String, BigDecimal> rates) {}

  /** Earlier days nightly recomputes by default, for snapshots that arrive late. */
  public static final int DEFAULT_LATE_DAYS = 2;

  public static final CaplensConfig EMPTY = new CaplensConfig(null, null, null, null, null, null, null, null);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Loads a config file; a missing file, bad YAML or an unknown key is a usage error naming it. */
  public static CaplensConfig load(Path file) {
    if (file == null) {
      return EMPTY;
    }
    if (!Files.isReadable(file)) {
      throw new UsageException("config file " + file + " cannot be read");
    }
    try {
      CaplensConfig config = YAML.readValue(file.toFile(), CaplensConfig.class);
      return config == null ? EMPTY : config;
    } catch (JsonMappingException e) {
      throw new UsageException("config " + file + ": " + describe(e), e);
    } catch (IOException e) {
      throw new UsageException("config " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static String describe(JsonMappingException e) {
    String key = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    String problem = e.getOriginalMessage();
    if (problem.startsWith("Unrecognized field")) {
      problem = "unknown key";
    }
    int newline = problem.indexOf('\n');
    return "key '" + key + "': " + (newline < 0 ? problem : problem.substring(0, newline));
  }

  public List<String> awsRegions() {
    return aws == null || aws.regions() == null ? List.of() : aws.regions();
  }

  public List<Account> awsAccounts() {
    return aws == null || aws.accounts() == null ? List.of() : aws.accounts();
  }

  public List<String> aliyunRegions() {
    return aliyun == null || aliyun.regions() == null ? List.of() : aliyun.regions();
  }

  public boolean awsOutposts() {
    return aws != null && Boolean.TRUE.equals(aws.outposts());
  }

  public int lateDays() {
    return transform == null || transform.lateDays() == null ? DEFAULT_LATE_DAYS : transform.lateDays();
  }

  /** {@code transform.max-carry-hours}, checked: a value the transform cannot use is a usage error naming the key. */
  public int maxCarryHours() {
    int hours = transform == null || transform.maxCarryHours() == null ? 26 : transform.maxCarryHours();
    try {
      dev.caplens.transform.TransformParams.withMaxCarryHours(hours);
    } catch (IllegalArgumentException e) {
      throw new UsageException("config key 'transform.max-carry-hours': " + e.getMessage());
    }
    return hours;
  }

  /** The transform's settings: max carry and, when {@code fx} is set, the reporting currency. */
  public TransformParams transformParams() {
    // maxCarryHours() has already refused a value TransformParams cannot take.
    TransformParams params = TransformParams.withMaxCarryHours(maxCarryHours());
    if (fx == null) {
      return params;
    }
    try {
      return params.withFx(new FxRates(fx.reportingCurrency(), fx.rates()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("config key 'fx': " + e.getMessage(), e);
    }
  }
}
