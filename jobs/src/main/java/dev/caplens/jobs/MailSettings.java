package dev.caplens.jobs;

import dev.caplens.reports.SummaryMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The summary email's settings from the config's {@code email} section. The SMTP password comes
 * from {@code CAPLENS_SMTP_PASSWORD} or the file {@code smtp.password-file} names, never from the
 * command line or the config itself. Every mistake is a usage error naming the key, found before
 * any report is computed.
 */
final class MailSettings {

  static final String PASSWORD_VARIABLE = "CAPLENS_SMTP_PASSWORD";
  static final int DEFAULT_PORT = 587;

  private MailSettings() {}

  /** Settings to build the message only ({@code --dry-run}): sender and recipients are enough. */
  static SummaryMail.Settings forMessage(CaplensConfig cfg) {
    CaplensConfig.Email email = email(cfg);
    CaplensConfig.Smtp smtp = email.smtp();
    String host = smtp == null || smtp.host() == null ? "(not configured)" : smtp.host();
    return settings(email, host, null);
  }

  /** Settings to send: the SMTP host is required, and a password when a username is set. */
  static SummaryMail.Settings forSending(CaplensConfig cfg, Map<String, String> env) {
    CaplensConfig.Email email = email(cfg);
    CaplensConfig.Smtp smtp = email.smtp();
    if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
      throw new UsageException("--email needs email.smtp.host in --config");
    }
    return settings(email, smtp.host(), password(smtp, env));
  }

  private static CaplensConfig.Email email(CaplensConfig cfg) {
    CaplensConfig.Email email = cfg.email();
    if (email == null) {
      throw new UsageException("--email needs an email section in --config (from, to, smtp)");
    }
    if (email.from() == null || email.from().isBlank()) {
      throw new UsageException("--email needs email.from in --config");
    }
    if (email.to() == null || email.to().isEmpty()) {
      throw new UsageException("--email needs at least one address in email.to in --config");
    }
    return email;
  }

  private static SummaryMail.Settings settings(CaplensConfig.Email email, String host, String password) {
    CaplensConfig.Smtp smtp = email.smtp() == null
        ? new CaplensConfig.Smtp(null, null, null, null, null, null) : email.smtp();
    return new SummaryMail.Settings(email.from(), List.copyOf(email.to()), host,
        smtp.port() == null ? DEFAULT_PORT : smtp.port(), smtp.username(), password, startTls(smtp.starttls()),
        Boolean.FALSE.equals(smtp.verifyCertificate()) ? SummaryMail.Certificate.TRUST_ANY
            : SummaryMail.Certificate.VERIFY,
        SummaryMail.DEFAULT_ZIP_ABOVE_BYTES);
  }

  private static SummaryMail.StartTls startTls(String value) {
    if (value == null || value.equals("required")) {
      return SummaryMail.StartTls.REQUIRED;
    }
    if (value.equals("off")) {
      return SummaryMail.StartTls.OFF;
    }
    throw new UsageException("email.smtp.starttls must be 'required' or 'off', was '" + value + "'");
  }

  private static String password(CaplensConfig.Smtp smtp, Map<String, String> env) {
    String fromEnv = env.get(PASSWORD_VARIABLE);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    if (smtp.passwordFile() != null) {
      Path file = Path.of(smtp.passwordFile());
      try {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
          throw new UsageException("email.smtp.password-file " + file + " is empty");
        }
        return password;
      } catch (IOException e) {
        throw new UsageException("email.smtp.password-file " + file + " cannot be read", e);
      }
    }
    if (smtp.username() != null) {
      throw new UsageException("email.smtp.username is set but no password: set " + PASSWORD_VARIABLE
          + " or email.smtp.password-file");
    }
    return null;
  }
}
