package dev.caplens.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The summary email against a real SMTP server (GreenMail) on loopback. */
class SummaryMailTest {

  static final String PASSWORD = "s3cret-smtp-pass";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("caplens", PASSWORD));

  @TempDir
  Path reportDir;
  SummaryReport.Input input;

  @BeforeEach
  void writeReportFiles() throws Exception {
    input = SummaryFixture.input();
    CsvReportWriter.write(reportDir.resolve(ReportFiles.RESERVATIONS), input.reservations());
    CsvReportWriter.write(reportDir.resolve(ReportFiles.ACCOUNTS), input.accounts());
    CsvReportWriter.write(reportDir.resolve(ReportFiles.DAILY), input.daily());
    CsvReportWriter.write(reportDir.resolve(ReportFiles.DATA_QUALITY), input.dataQuality());
  }

  @Test
  void arrivesWithTheChartInlineAndTheCsvFilesAttached() throws Exception {
    SummaryMail.send(reportDir, input, settings(SMTP.getSmtp().getPort(), PASSWORD, Long.MAX_VALUE));

    // GreenMail keeps one copy per recipient's mailbox.
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage mail = received[0];
    // Currencies in alphabetical order: CNY idle 50 of 100 (50%), USD 16.128 of 23.04 (70%).
    assertThat(mail.getSubject()).isEqualTo(
        "caplens: reserved capacity 2026-11-20, idle 50.00 CNY (50.0%), 16.13 USD (70.0%)");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("caplens@example.com");
    assertThat(mail.getAllRecipients()).extracting(Object::toString)
        .containsExactly("finance@example.com", "cfo@example.com");
    assertStructure(mail, List.of(ReportFiles.RESERVATIONS, ReportFiles.ACCOUNTS, ReportFiles.DAILY,
        ReportFiles.DATA_QUALITY));
  }

  @Test
  void attachesOneZipWhenTheFilesAreLarge() throws Exception {
    SummaryMail.send(reportDir, input, settings(SMTP.getSmtp().getPort(), PASSWORD, 100));

    Multipart mixed = (Multipart) SMTP.getReceivedMessages()[0].getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    BodyPart zip = mixed.getBodyPart(1);
    assertThat(zip.getFileName()).isEqualTo("caplens-report-2026-11-20_2026-11-20.zip");
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(zip.getInputStream())) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    assertThat(entries).containsOnlyKeys(ReportFiles.RESERVATIONS, ReportFiles.ACCOUNTS, ReportFiles.DAILY,
        ReportFiles.DATA_QUALITY);
    for (var entry : entries.entrySet()) {
      assertThat(entry.getValue()).isEqualTo(Files.readAllBytes(reportDir.resolve(entry.getKey())));
    }
  }

  @Test
  void aRefusedLoginIsAClearErrorWithoutThePassword() {
    assertThatThrownBy(() -> SummaryMail.send(reportDir, input,
        settings(SMTP.getSmtp().getPort(), "wrong-password", Long.MAX_VALUE)))
        .isInstanceOf(SummaryMail.DeliveryException.class)
        .hasMessage("SMTP server 127.0.0.1:" + SMTP.getSmtp().getPort() + " refused the login of user 'caplens'")
        .hasMessageNotContaining("wrong-password");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnreachableServerIsAClearError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(() -> SummaryMail.send(reportDir, input, settings(closedPort, PASSWORD, Long.MAX_VALUE)))
        .isInstanceOf(SummaryMail.DeliveryException.class)
        .hasMessageStartingWith("cannot connect to SMTP server 127.0.0.1:" + closedPort + ": ")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void refusesToSendWithoutStartTlsWhenItIsRequired() {
    // GreenMail's SMTP offers no STARTTLS: with it required nothing may go out in the clear.
    SummaryMail.Settings required = new SummaryMail.Settings("caplens@example.com", List.of("finance@example.com"),
        "127.0.0.1", SMTP.getSmtp().getPort(), "caplens", PASSWORD, SummaryMail.StartTls.REQUIRED,
        SummaryMail.Certificate.VERIFY, Long.MAX_VALUE);
    assertThatThrownBy(() -> SummaryMail.send(reportDir, input, required))
        .isInstanceOf(SummaryMail.DeliveryException.class)
        .hasMessageContaining("STARTTLS")
        .hasMessageNotContaining(PASSWORD);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void dryRunWritesTheSameMessageAsAnEmlFile() throws Exception {
    Path eml = SummaryMail.writeEml(reportDir, input, settings(1, PASSWORD, Long.MAX_VALUE));

    assertThat(eml).isEqualTo(reportDir.resolve(ReportFiles.SUMMARY_EML));
    String raw = Files.readString(eml, StandardCharsets.US_ASCII);
    assertThat(raw).doesNotContain(PASSWORD);
    try (InputStream in = Files.newInputStream(eml)) {
      MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
      assertThat(parsed.getSubject()).startsWith("caplens: reserved capacity 2026-11-20");
      assertStructure(parsed, List.of(ReportFiles.RESERVATIONS, ReportFiles.ACCOUNTS, ReportFiles.DAILY,
          ReportFiles.DATA_QUALITY));
    }
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertThat(settings(25, PASSWORD, 1).toString()).doesNotContain(PASSWORD).contains("password=****");
  }

  /** mixed { related { html, png }, csv... }: the html's cid: names the png part; attachments are the files' bytes. */
  private void assertStructure(MimeMessage mail, List<String> attached) throws Exception {
    assertThat(mail.isMimeType("multipart/mixed")).isTrue();
    Multipart mixed = (Multipart) mail.getContent();
    BodyPart body = mixed.getBodyPart(0);
    assertThat(body.isMimeType("multipart/related")).isTrue();
    MimeMultipart related = (MimeMultipart) body.getContent();
    assertThat(related.getCount()).isEqualTo(2);
    BodyPart html = related.getBodyPart(0);
    assertThat(html.isMimeType("text/html")).isTrue();
    String page = (String) html.getContent();
    assertThat(page).contains("<img id=\"trend-chart\" src=\"cid:trend-chart@caplens\"")
        .contains("cr-1&lt;script&gt;");
    BodyPart chart = related.getBodyPart("<trend-chart@caplens>");
    assertThat(chart).as("the part the cid: names").isNotNull();
    assertThat(chart.isMimeType("image/png")).isTrue();
    assertThat(chart.getDisposition()).isEqualTo(Part.INLINE);
    assertThat(ImageIO.read(chart.getInputStream()).getWidth()).isEqualTo(TrendChart.WIDTH);

    List<String> names = new ArrayList<>();
    for (int i = 1; i < mixed.getCount(); i++) {
      BodyPart attachment = mixed.getBodyPart(i);
      assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
      names.add(attachment.getFileName());
      assertThat(attachment.getInputStream().readAllBytes()).as(attachment.getFileName())
          .isEqualTo(Files.readAllBytes(reportDir.resolve(attachment.getFileName())));
    }
    assertThat(names).containsExactlyElementsOf(attached);
  }

  private static SummaryMail.Settings settings(int port, String password, long zipAboveBytes) {
    return new SummaryMail.Settings("caplens@example.com", List.of("finance@example.com", "cfo@example.com"),
        "127.0.0.1", port, "caplens", password, SummaryMail.StartTls.OFF, SummaryMail.Certificate.VERIFY,
        zipAboveBytes);
  }
}
