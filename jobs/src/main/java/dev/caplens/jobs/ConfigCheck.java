package dev.caplens.jobs;

import dev.caplens.ingest.aliyun.RamRoleSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a loaded config must satisfy before a scheduled run starts: every problem, each naming its
 * key. Pure checks on the file's values and local files; no cloud is contacted.
 */
final class ConfigCheck {

  private static final String REGION = "[a-z]{2}(-[a-z0-9]+)+";
  private static final String ROLE_ARN = "arn:aws[a-z-]*:iam::(\\d{12}):role/.+";
  private static final Set<String> STARTTLS = Set.of("required", "off");

  private ConfigCheck() {}

  /** Problems for {@code nightly}: everything {@link #forReports} checks, plus at least one source. */
  static List<String> forNightly(CaplensConfig cfg) {
    List<String> problems = new ArrayList<>(forReports(cfg));
    if (cfg.awsRegions().isEmpty() && cfg.aliyunRegions().isEmpty()) {
      problems.add("no source to ingest: set 'aws.regions' and/or 'aliyun.regions'");
    }
    return problems;
  }

  /** Problems for {@code backfill} (transform and report only) and for every other key that is set. */
  static List<String> forReports(CaplensConfig cfg) {
    List<String> problems = new ArrayList<>();
    checkStorage(cfg, problems);
    checkAws(cfg, problems);
    checkAliyun(cfg, problems);
    checkTransform(cfg, problems);
    checkFx(cfg, problems);
    checkEmail(cfg.email(), problems);
    return problems;
  }

  /** Throws a usage error listing every problem, one per line. */
  static void require(Path file, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new UsageException("config " + file + ": " + String.join("\ncaplens: config " + file + ": ", problems));
    }
  }

  private static void checkStorage(CaplensConfig cfg, List<String> problems) {
    if (blank(cfg.warehouse())) {
      problems.add("key 'warehouse': required (a directory or a Hadoop URI such as s3a://bucket/caplens)");
    } else if (isRemote(cfg.warehouse()) && blank(cfg.reports())) {
      problems.add("key 'reports': required when the warehouse is " + cfg.warehouse()
          + " (report files are written to a local directory)");
    }
    if (!blank(cfg.reports()) && isRemote(cfg.reports())) {
      problems.add("key 'reports': must be a local directory, got " + cfg.reports());
    }
    if (!blank(cfg.prices()) && !isRemote(cfg.prices()) && !Files.isReadable(Path.of(cfg.prices()))) {
      problems.add("key 'prices': file " + cfg.prices() + " cannot be read");
    }
  }

  private static void checkAws(CaplensConfig cfg, List<String> problems) {
    if (cfg.aws() == null) {
      return;
    }
    checkRegions("aws.regions", cfg.awsRegions(), problems);
    if (cfg.awsRegions().isEmpty() && (cfg.awsOutposts() || !cfg.awsAccounts().isEmpty())) {
      problems.add("key 'aws.regions': required when 'aws.outposts' or 'aws.accounts' is set");
    }
    List<CaplensConfig.Account> accounts = cfg.awsAccounts();
    for (int i = 0; i < accounts.size(); i++) {
      String key = "aws.accounts[" + i + "]";
      CaplensConfig.Account account = accounts.get(i);
      if (account == null || account.id() == null || !account.id().matches("\\d{12}")) {
        problems.add("key '" + key + ".id': an AWS account id is 12 digits (quote it in YAML), got "
            + (account == null ? "nothing" : account.id()));
        continue;
      }
      if (account.roleArn() == null) {
        if (account.externalId() != null) {
          problems.add("key '" + key + ".external-id': only used with 'role-arn', which is not set");
        }
        continue;
      }
      var arn = java.util.regex.Pattern.compile(ROLE_ARN).matcher(account.roleArn());
      if (!arn.matches()) {
        problems.add("key '" + key + ".role-arn': not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME): "
            + account.roleArn());
      } else if (!arn.group(1).equals(account.id())) {
        problems.add("key '" + key + ".role-arn': role is in account " + arn.group(1) + ", not " + account.id());
      }
    }
  }

  private static void checkAliyun(CaplensConfig cfg, List<String> problems) {
    if (cfg.aliyun() == null) {
      return;
    }
    checkRegions("aliyun.regions", cfg.aliyunRegions(), problems);
    String endpoint = cfg.aliyun().endpoint();
    if (endpoint != null && !endpoint.matches("https?://[^/\\s]+/?")) {
      problems.add("key 'aliyun.endpoint': expected http(s)://HOST[:PORT], got " + endpoint);
    }
    String accountId = cfg.aliyun().accountId();
    if (accountId != null && !accountId.matches("\\d+")) {
      problems.add("key 'aliyun.account-id': an Alibaba Cloud account id is digits, got " + accountId);
    }
    String roleArn = cfg.aliyun().roleArn();
    if (roleArn != null && !RamRoleSession.isRoleArn(roleArn)) {
      problems.add("key 'aliyun.role-arn': must look like " + RamRoleSession.ROLE_ARN_SHAPE + ", got '" + roleArn + "'");
    } else if (roleArn != null && accountId != null && !accountId.equals(RamRoleSession.accountOf(roleArn))) {
      problems.add("key 'aliyun.role-arn': role is in account " + RamRoleSession.accountOf(roleArn) + ", not " + accountId);
    }
    String sessionName = cfg.aliyun().roleSessionName();
    if (sessionName != null && !RamRoleSession.isSessionName(sessionName)) {
      problems.add("key 'aliyun.role-session-name': " + RamRoleSession.SESSION_NAME_RULE + ", got " + sessionName);
    }
  }

  private static void checkTransform(CaplensConfig cfg, List<String> problems) {
    if (cfg.transform() == null) {
      return;
    }
    Integer carry = cfg.transform().maxCarryHours();
    if (carry != null && carry < 1) {
      problems.add("key 'transform.max-carry-hours': must be 1 or more, got " + carry);
    }
    Integer late = cfg.transform().lateDays();
    if (late != null && (late < 0 || late > 31)) {
      problems.add("key 'transform.late-days': must be 0 to 31, got " + late);
    }
  }

  private static void checkFx(CaplensConfig cfg, List<String> problems) {
    if (cfg.fx() == null) {
      return;
    }
    try {
      cfg.transformParams();
    } catch (UsageException e) {
      problems.add(e.getMessage().replaceFirst("^config key 'fx'", "key 'fx'"));
    }
  }

  private static void checkEmail(CaplensConfig.Email email, List<String> problems) {
    if (email == null) {
      return;
    }
    if (blank(email.from()) || !email.from().contains("@")) {
      problems.add("key 'email.from': an address is required, got " + email.from());
    }
    if (email.to() == null || email.to().isEmpty()) {
      problems.add("key 'email.to': at least one recipient is required");
    } else {
      for (int i = 0; i < email.to().size(); i++) {
        String to = email.to().get(i);
        if (blank(to) || !to.contains("@")) {
          problems.add("key 'email.to[" + i + "]': not an address: " + to);
        }
      }
    }
    CaplensConfig.Smtp smtp = email.smtp();
    if (smtp == null || blank(smtp.host())) {
      problems.add("key 'email.smtp.host': required to send the summary");
      return;
    }
    if (smtp.port() != null && (smtp.port() < 1 || smtp.port() > 65535)) {
      problems.add("key 'email.smtp.port': must be 1 to 65535, got " + smtp.port());
    }
    if (smtp.starttls() != null && !STARTTLS.contains(smtp.starttls())) {
      problems.add("key 'email.smtp.starttls': must be one of " + String.join(", ", STARTTLS.stream().sorted().toList())
          + ", got " + smtp.starttls());
    }
    if (smtp.passwordFile() != null && !Files.isReadable(Path.of(smtp.passwordFile()))) {
      problems.add("key 'email.smtp.password-file': file " + smtp.passwordFile() + " cannot be read");
    }
  }

  private static void checkRegions(String key, List<String> regions, List<String> problems) {
    for (int i = 0; i < regions.size(); i++) {
      String region = regions.get(i);
      if (region == null || !region.matches(REGION)) {
        problems.add("key '" + key + "[" + i + "]': not a region name: " + region);
      }
    }
  }

  /** A Hadoop URI other than a local file (s3a://, gs://, hdfs://, abfss://). */
  static boolean isRemote(String location) {
    if (!location.contains("://")) {
      return false;
    }
    return !"file".equals(URI.create(location).getScheme());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
