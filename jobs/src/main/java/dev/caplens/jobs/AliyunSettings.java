package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.AliyunRetry;
import dev.caplens.ingest.aliyun.DefaultAliyunClientFactory;
import dev.caplens.ingest.aliyun.RamRoleSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;

/** Alibaba Cloud clients from the environment and the config (DESIGN.md "Command line"). */
final class AliyunSettings {

  private AliyunSettings() {}

  /** The session name AssumeRole is given unless {@code aliyun.role-session-name} says otherwise. */
  static final String DEFAULT_SESSION_NAME = "caplens";

  /**
   * ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, reading as the RAM role {@code aliyun.role-arn} when set;
   * endpoint from CAPLENS_ALIYUN_ENDPOINT, else aliyun.endpoint.
   */
  static DefaultAliyunClientFactory clients(CaplensConfig cfg) {
    String endpoint = System.getenv("CAPLENS_ALIYUN_ENDPOINT");
    String endpointSource = "CAPLENS_ALIYUN_ENDPOINT";
    if (endpoint == null && cfg.aliyun() != null) {
      endpoint = cfg.aliyun().endpoint();
      endpointSource = "config key 'aliyun.endpoint'";
    }
    try {
      DefaultAliyunClientFactory clients = new DefaultAliyunClientFactory(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
          System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), endpoint == null ? null : endpointUri(endpointSource, endpoint));
      String roleArn = roleArn(cfg);
      return roleArn == null ? clients : clients.assumingRole(roleArn, sessionName(cfg),
          AliyunRetry.perMinuteQuota(Clock.systemUTC()), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The account that owns the pools, as the snapshots name it: {@code aliyun.account-id}, else the
   * account of {@code aliyun.role-arn}, else "default".
   */
  static String accountId(CaplensConfig cfg) {
    if (cfg.aliyun() != null && cfg.aliyun().accountId() != null) {
      return cfg.aliyun().accountId();
    }
    return roleArn(cfg) != null ? RamRoleSession.accountOf(roleArn(cfg)) : "default";
  }

  private static String roleArn(CaplensConfig cfg) {
    return cfg.aliyun() == null ? null : cfg.aliyun().roleArn();
  }

  private static String sessionName(CaplensConfig cfg) {
    return cfg.aliyun().roleSessionName() == null ? DEFAULT_SESSION_NAME : cfg.aliyun().roleSessionName();
  }

  /** {@code aliyun.count-pool-instances}: also count each pool's instances to cross-check UsedAmount. */
  static boolean countPoolInstances(CaplensConfig cfg) {
    return cfg.aliyun() != null && Boolean.TRUE.equals(cfg.aliyun().countPoolInstances());
  }

  private static URI endpointUri(String source, String endpoint) {
    try {
      return new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new UsageException(source + ": '" + endpoint + "' is not a URL like http://host:port");
    }
  }
}
