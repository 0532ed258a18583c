package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.caplens.reports.ReportFiles;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code caplens report --email [--dry-run]} against a real SMTP server (GreenMail) on loopback. */
class ReportEmailTest {

  static final String PASSWORD = "pa55-for-greenmail";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("caplens", PASSWORD));

  @TempDir
  Path dir;
  static Path warehouse;

  @BeforeAll
  static void fixture() throws Exception {
    warehouse = ReportFixture.sharedWarehouse();
  }

  @Test
  void emailsTheSummaryWithEveryCsvAttached() throws Exception {
    Path out = dir.resolve("report");
    Result result = report(config(SMTP.getSmtp().getPort(), PASSWORD), out, "--email");

    assertThat(result.exitCode).as(result.stderr).isZero();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    // USD idle: cr-1 2 x 16.128 + cr-2 23.04 = 55.296 of 887.184 (6.2%); CNY 82.8 of 165.6 (50%).
    assertThat(received[0].getSubject())
        .isEqualTo("caplens: reserved capacity 2026-11-20 to 2026-11-21, idle 82.80 CNY (50.0%), 55.30 USD (6.2%)");
    Multipart mixed = (Multipart) received[0].getContent();
    List<String> attached = new ArrayList<>();
    for (int i = 1; i < mixed.getCount(); i++) {
      BodyPart part = mixed.getBodyPart(i);
      attached.add(part.getFileName());
      assertThat(part.getInputStream().readAllBytes()).as(part.getFileName())
          .isEqualTo(Files.readAllBytes(out.resolve(part.getFileName())));
    }
    assertThat(attached).containsExactlyElementsOf(ReportFiles.CSV_FILES);
  }

  @Test
  void aRefusedLoginExitsOneAndKeepsTheReportFiles() throws Exception {
    Path out = dir.resolve("report");
    Result result = report(config(SMTP.getSmtp().getPort(), "not-the-password"), out, "--email");

    assertThat(result.exitCode).isEqualTo(ExitCodes.FAILED);
    assertThat(result.stderr.lines()).singleElement().asString()
        .startsWith("caplens: report files are in ")
        .endsWith("but the summary email was not sent: SMTP server 127.0.0.1:" + SMTP.getSmtp().getPort()
            + " refused the login of user 'caplens'")
        .doesNotContain("not-the-password");
    assertEveryReportFileIn(out);
  }

  @Test
  void anUnreachableServerExitsOneAndKeepsTheReportFiles() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path out = dir.resolve("report");
    Result result = report(config(closedPort, PASSWORD), out, "--email");

    assertThat(result.exitCode).isEqualTo(ExitCodes.FAILED);
    assertThat(result.stderr.lines()).singleElement().asString()
        .contains("the summary email was not sent: cannot connect to SMTP server 127.0.0.1:" + closedPort);
    assertEveryReportFileIn(out);
  }

  @Test
  void dryRunWritesTheMessageInsteadOfSendingIt() throws Exception {
    Path out = dir.resolve("report");
    Result result = report(config(SMTP.getSmtp().getPort(), PASSWORD), out, "--email", "--dry-run");

    assertThat(result.exitCode).as(result.stderr).isZero();
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    String eml = Files.readString(out.resolve(ReportFiles.SUMMARY_EML), StandardCharsets.US_ASCII);
    assertThat(eml).contains("Subject: caplens: reserved capacity 2026-11-20 to 2026-11-21")
        .contains("multipart/related").contains("Content-ID: <trend-chart@caplens>")
        .contains("filename=" + ReportFiles.FOCUS).doesNotContain(PASSWORD);
  }

  @Test
  void mailMistakesAreUsageErrorsBeforeAnyWork() throws Exception {
    Path out = dir.resolve("report");
    Path noEmail = Files.writeString(dir.resolve("plain.yaml"), "warehouse: " + warehouse + "\n");
    assertThat(report(noEmail, out, "--email").stderr).contains("--email needs an email section");
    Path noPassword = Files.writeString(dir.resolve("nopass.yaml"), "email:\n  from: a@example.com\n"
        + "  to: [b@example.com]\n  smtp:\n    host: 127.0.0.1\n    username: caplens\n");
    Result result = report(noPassword, out, "--email");
    assertThat(result.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr).contains("no password: set CAPLENS_SMTP_PASSWORD or email.smtp.password-file");
    Path badTls = Files.writeString(dir.resolve("tls.yaml"), "email:\n  from: a@example.com\n"
        + "  to: [b@example.com]\n  smtp:\n    host: 127.0.0.1\n    starttls: maybe\n");
    assertThat(report(badTls, out, "--email").stderr).contains("email.smtp.starttls must be 'required' or 'off'");
    assertThat(report(noEmail, out, "--dry-run").exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(out).doesNotExist();
  }

  private void assertEveryReportFileIn(Path out) {
    for (String name : ReportFiles.CSV_FILES) {
      assertThat(out.resolve(name)).isNotEmptyFile();
    }
    assertThat(out.resolve(ReportFiles.SUMMARY)).isNotEmptyFile();
  }

  /** STARTTLS off (GreenMail's SMTP has none), the password in a file as an operator would keep it. */
  private Path config(int port, String password) throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("smtp-password"), password + "\n");
    return Files.writeString(dir.resolve("caplens.yaml"), String.join("\n",
        "email:",
        "  from: caplens@example.com",
        "  to: [finance@example.com]",
        "  smtp:",
        "    host: 127.0.0.1",
        "    port: " + port,
        "    username: caplens",
        "    starttls: off",
        "    password-file: " + passwordFile,
        ""));
  }

  record Result(int exitCode, String stderr) {}

  private static Result report(Path config, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("report", "--warehouse", warehouse.toString(), "--from",
        "2026-11-20", "--to", "2026-11-21", "--out", out.toString(), "--config", config.toString()));
    args.addAll(List.of(extra));
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = CaplensCli.execute(args.toArray(String[]::new));
      return new Result(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
