package dev.caplens.ingest.aliyun;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session credentials of a RAM role, from STS AssumeRole (API version 2015-04-01) signed with the
 * AccessKey caplens starts with, renewed once fewer than {@link #RENEW_BEFORE} remain.
 *
 * <p>STS is called through the Tea OpenAPI client, the same HTTP stack and TLS verification as the
 * ECS calls, rather than credentials-java's RamRoleArnCredentialProvider: that provider turns off
 * TLS host-name verification for its STS call and always uses https, so it could not be pointed at
 * the endpoint override either.
 */
public final class RamRoleSession {

  /** How long a session is asked for (STS allows 900 s up to the role's maximum, 3600 s by default). */
  static final int DURATION_SECONDS = 3600;
  /** A session with less left than this is renewed, so a scope read with it has at least this long. */
  public static final Duration RENEW_BEFORE = Duration.ofMinutes(15);
  static final String DEFAULT_STS_ENDPOINT = "sts.aliyuncs.com";

  /** What {@code aliyun.role-arn} must look like, and the rule for {@code aliyun.role-session-name}, as errors say them. */
  public static final String ROLE_ARN_SHAPE = "acs:ram::<account-id>:role/<role-name>";
  public static final String SESSION_NAME_RULE = "2 to 64 letters, digits or . @ - _";

  private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d+):role/[A-Za-z0-9.@+=,_-]{1,64}");
  private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");

  private final Client sts;
  private final String protocol;
  private final String roleArn;
  private final String sessionName;
  private final AliyunRetry retry;
  private final Clock clock;
  private CredentialModel current;

  /**
   * @param stsConfig the starting AccessKey and the endpoint (the override, else {@code sts.aliyuncs.com})
   * @throws IllegalArgumentException when the role ARN or session name is not one STS accepts
   */
  RamRoleSession(Config stsConfig, String roleArn, String sessionName, AliyunRetry retry, Clock clock) {
    requireRoleArn(roleArn);
    if (!isSessionName(sessionName)) {
      throw new IllegalArgumentException("aliyun.role-session-name must be " + SESSION_NAME_RULE + ", got '"
          + sessionName + "'");
    }
    this.roleArn = roleArn;
    this.sessionName = sessionName;
    this.retry = retry;
    this.clock = clock;
    this.protocol = stsConfig.getProtocol() == null ? "HTTPS" : stsConfig.getProtocol();
    try {
      this.sts = new Client(stsConfig);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the Alibaba STS client: " + e.getMessage(), e);
    }
  }

  /** Whether STS accepts {@code name} as a RoleSessionName. */
  public static boolean isSessionName(String name) {
    return SESSION_NAME.matcher(name).matches();
  }

  /** Whether {@code roleArn} names a RAM role, as {@link #ROLE_ARN_SHAPE} says. */
  public static boolean isRoleArn(String roleArn) {
    return roleArn != null && ROLE_ARN.matcher(roleArn).matches();
  }

  /** The account a role ARN such as {@code acs:ram::1234567890123456:role/caplens-read} belongs to. */
  public static String accountOf(String roleArn) {
    return requireRoleArn(roleArn).group(1);
  }

  private static Matcher requireRoleArn(String roleArn) {
    Matcher m = ROLE_ARN.matcher(roleArn == null ? "" : roleArn);
    if (!m.matches()) {
      throw new IllegalArgumentException("aliyun.role-arn must look like " + ROLE_ARN_SHAPE + ", got '" + roleArn + "'");
    }
    return m;
  }

  /** The current session, assuming the role first or again when it is missing or about to expire. */
  synchronized CredentialModel credentials() {
    if (current == null || clock.instant().plus(RENEW_BEFORE).isAfter(Instant.ofEpochMilli(current.getExpiration()))) {
      current = assumeRole();
    }
    return current;
  }

  private CredentialModel assumeRole() {
    Params params = new Params()
        .setAction("AssumeRole").setVersion("2015-04-01")
        .setProtocol(protocol)
        .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC")
        .setReqBodyType("formData").setBodyType("json");
    OpenApiRequest request = new OpenApiRequest().setQuery(Map.of(
        "RoleArn", roleArn,
        "RoleSessionName", sessionName,
        "DurationSeconds", String.valueOf(DURATION_SECONDS)));
    Map<String, ?> reply;
    try {
      reply = retry.call(() -> sts.callApi(params, request, new RuntimeOptions()));
    } catch (TeaException e) {
      throw new IllegalStateException("cannot assume RAM role " + roleArn + ": " + e.getCode() + " (HTTP "
          + e.getStatusCode() + "): " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot assume RAM role " + roleArn + ": " + e.getMessage(), e);
    }
    return sessionCredentials(reply.get("body"));
  }

  /** The Credentials of an AssumeRole reply body; anything missing is an error, never an empty key. */
  static CredentialModel sessionCredentials(Object body) {
    if (!(body instanceof Map<?, ?> map) || !(map.get("Credentials") instanceof Map<?, ?> credentials)) {
      throw new IllegalStateException("AssumeRole replied without Credentials");
    }
    String accessKeyId = text(credentials, "AccessKeyId");
    String accessKeySecret = text(credentials, "AccessKeySecret");
    String securityToken = text(credentials, "SecurityToken");
    Instant expiration;
    try {
      expiration = Instant.parse(text(credentials, "Expiration"));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("AssumeRole replied with an unreadable Expiration: " + e.getParsedString());
    }
    return CredentialModel.builder()
        .type("sts")
        .accessKeyId(accessKeyId)
        .accessKeySecret(accessKeySecret)
        .securityToken(securityToken)
        .expiration(expiration.toEpochMilli())
        .build();
  }

  private static String text(Map<?, ?> credentials, String field) {
    Object value = credentials.get(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalStateException("AssumeRole replied without Credentials." + field);
    }
    return s;
  }
}
