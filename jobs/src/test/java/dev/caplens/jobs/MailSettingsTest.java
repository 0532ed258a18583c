package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.reports.SummaryMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSettingsTest {

  @TempDir
  Path dir;

  @Test
  void securedByDefaultWithThePasswordFromTheEnvironmentFirst() throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("pw"), "from-file\n");
    CaplensConfig cfg = config("    password-file: " + passwordFile + "\n");

    SummaryMail.Settings fromEnv = MailSettings.forSending(cfg, Map.of("CAPLENS_SMTP_PASSWORD", "from-env"));
    assertThat(fromEnv.password()).isEqualTo("from-env");
    assertThat(fromEnv.port()).isEqualTo(587);
    assertThat(fromEnv.startTls()).isEqualTo(SummaryMail.StartTls.REQUIRED);
    assertThat(fromEnv.certificate()).isEqualTo(SummaryMail.Certificate.VERIFY);
    assertThat(MailSettings.forSending(cfg, Map.of()).password()).isEqualTo("from-file");
  }

  @Test
  void turningTheChecksOffTakesExplicitKeys() throws Exception {
    SummaryMail.Settings relaxed = MailSettings.forSending(
        config("    starttls: off\n    verify-certificate: false\n    port: 2525\n"),
        Map.of("CAPLENS_SMTP_PASSWORD", "x"));
    assertThat(relaxed.startTls()).isEqualTo(SummaryMail.StartTls.OFF);
    assertThat(relaxed.certificate()).isEqualTo(SummaryMail.Certificate.TRUST_ANY);
    assertThat(relaxed.port()).isEqualTo(2525);
  }

  @Test
  void anInlinePasswordIsRefusedAndAMissingFileIsNamed() throws Exception {
    Path inline = Files.writeString(dir.resolve("inline.yaml"), "email:\n  from: a@example.com\n  to: [b@example.com]\n"
        + "  smtp:\n    host: h\n    password: hunter2\n");
    assertThatThrownBy(() -> CaplensConfig.load(inline)).isInstanceOf(UsageException.class)
        .hasMessageContaining("email.smtp.password").hasMessageNotContaining("hunter2");
    CaplensConfig missing = config("    password-file: " + dir.resolve("absent") + "\n");
    assertThatThrownBy(() -> MailSettings.forSending(missing, Map.of())).isInstanceOf(UsageException.class)
        .hasMessage("email.smtp.password-file " + dir.resolve("absent") + " cannot be read");
  }

  private CaplensConfig config(String smtpExtra) throws Exception {
    return CaplensConfig.load(Files.writeString(dir.resolve("c.yaml"), "email:\n  from: caplens@example.com\n"
        + "  to: [finance@example.com]\n  smtp:\n    host: smtp.example.com\n    username: caplens\n" + smtpExtra));
  }
}
