package dev.caplens.reports;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary as an email: a multipart/related HTML body with the trend chart inline as a
 * {@code cid:} image, and the report directory's CSV files attached (one zip when together they
 * exceed {@link Settings#zipAboveBytes()}). Sent over SMTP with STARTTLS required and the server
 * certificate verified unless the settings turn either off. The password never appears in a log
 * line, an exception message or {@link Settings#toString()}.
 */
public final class SummaryMail {

  private static final Logger LOG = LoggerFactory.getLogger(SummaryMail.class);

  public static final long DEFAULT_ZIP_ABOVE_BYTES = 5L * 1024 * 1024;
  static final String CHART_CONTENT_ID = "trend-chart@caplens";
  private static final int TIMEOUT_MILLIS = 30_000;

  public enum StartTls { REQUIRED, OFF }

  public enum Certificate { VERIFY, TRUST_ANY }

  /** Who the mail is from and to, and how to reach the SMTP server. {@code password} may be null (no login). */
  public record Settings(String from, List<String> to, String host, int port, String username, String password,
                         StartTls startTls, Certificate certificate, long zipAboveBytes) {

    public Settings {
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("the summary email needs at least one recipient");
      }
    }

    @Override
    public String toString() {
      return "Settings[from=" + from + ", to=" + to + ", smtp=" + host + ":" + port + ", username=" + username
          + ", password=" + (password == null ? "none" : "****") + ", startTls=" + startTls + ", certificate="
          + certificate + "]";
    }
  }

  /** Sending failed: the message says what and where, never the password. */
  public static final class DeliveryException extends Exception {
    DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private SummaryMail() {}

  /** "caplens: reserved capacity 2026-11-20 to 2026-11-21, idle 16.13 USD (70.0%)". */
  public static String subject(SummaryReport.Input input) {
    return "caplens: reserved capacity " + input.period() + ", " + SummaryReport.idleHeadline(input);
  }

  /** The message for the report files in {@code reportDir}, as it would be sent. */
  public static MimeMessage message(Path reportDir, SummaryReport.Input input, Settings settings)
      throws IOException, MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(address(settings.from()));
    for (String recipient : settings.to()) {
      message.addRecipient(Message.RecipientType.TO, address(recipient));
    }
    message.setSubject(subject(input), "UTF-8");
    message.setSentDate(new Date());

    MimeBodyPart html = new MimeBodyPart();
    html.setText(SummaryReport.render(input, "cid:" + CHART_CONTENT_ID), "UTF-8", "html");
    MimeBodyPart chart = new MimeBodyPart();
    chart.setDataHandler(new DataHandler(new ByteArrayDataSource(TrendChart.png(input.daily()), "image/png")));
    chart.setContentID("<" + CHART_CONTENT_ID + ">");
    chart.setDisposition(MimeBodyPart.INLINE);
    chart.setFileName("trend-chart.png");
    MimeMultipart related = new MimeMultipart("related", html, chart);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(related);

    MimeMultipart mixed = new MimeMultipart("mixed", body);
    for (MimeBodyPart attachment : attachments(reportDir, input, settings.zipAboveBytes())) {
      mixed.addBodyPart(attachment);
    }
    message.setContent(mixed);
    message.saveChanges();
    return message;
  }

  /** Writes the message to {@code reportDir/summary.eml} instead of sending it ({@code --dry-run}). */
  public static Path writeEml(Path reportDir, SummaryReport.Input input, Settings settings)
      throws IOException, MessagingException {
    ByteArrayOutputStream eml = new ByteArrayOutputStream();
    message(reportDir, input, settings).writeTo(eml);
    Path file = reportDir.resolve(ReportFiles.SUMMARY_EML);
    ReportFiles.writeAtomically(file, eml.toByteArray());
    return file;
  }

  /** Sends the summary of the report files in {@code reportDir}. */
  public static void send(Path reportDir, SummaryReport.Input input, Settings settings)
      throws IOException, DeliveryException {
    String server = settings.host() + ":" + settings.port();
    if (settings.startTls() == StartTls.OFF) {
      LOG.warn("STARTTLS is off for SMTP server {}: the summary and the login travel unencrypted", server);
    }
    if (settings.certificate() == Certificate.TRUST_ANY) {
      LOG.warn("certificate verification is off for SMTP server {}: anyone in the path can read the summary", server);
    }
    MimeMessage message;
    try {
      message = message(reportDir, input, settings);
    } catch (MessagingException e) {
      throw new DeliveryException("could not build the summary email: " + e.getMessage(), e);
    }
    Session session = Session.getInstance(smtpProperties(settings));
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
      transport.sendMessage(message, message.getAllRecipients());
    } catch (AuthenticationFailedException e) {
      throw new DeliveryException("SMTP server " + server + " refused the login of user '" + settings.username()
          + "'", e);
    } catch (MailConnectException e) {
      throw new DeliveryException("cannot connect to SMTP server " + server + ": "
          + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
    } catch (MessagingException e) {
      throw new DeliveryException("SMTP server " + server + " did not take the summary email: " + oneLine(e), e);
    }
    LOG.info("summary email sent to {} through {}", settings.to(), server);
  }

  static Properties smtpProperties(Settings settings) {
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
    props.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
    props.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
    props.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
    boolean startTls = settings.startTls() == StartTls.REQUIRED;
    props.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
    props.put("mail.smtp.starttls.required", Boolean.toString(startTls));
    if (settings.certificate() == Certificate.VERIFY) {
      props.put("mail.smtp.ssl.checkserveridentity", "true");
    } else {
      props.put("mail.smtp.ssl.trust", "*");
      props.put("mail.smtp.ssl.checkserveridentity", "false");
    }
    return props;
  }

  /** The CSV files as they are, or one zip of them when together they are larger than {@code zipAboveBytes}. */
  static List<MimeBodyPart> attachments(Path reportDir, SummaryReport.Input input, long zipAboveBytes)
      throws IOException, MessagingException {
    List<Path> files = new ArrayList<>();
    long total = 0;
    for (String name : ReportFiles.CSV_FILES) {
      Path file = reportDir.resolve(name);
      if (Files.isRegularFile(file)) {
        files.add(file);
        total += Files.size(file);
      }
    }
    List<MimeBodyPart> parts = new ArrayList<>();
    if (total <= zipAboveBytes) {
      for (Path file : files) {
        MimeBodyPart part = new MimeBodyPart();
        part.attachFile(file.toFile(), "text/csv; charset=utf-8", "base64");
        parts.add(part);
      }
      return parts;
    }
    MimeBodyPart zip = new MimeBodyPart();
    zip.setDataHandler(new DataHandler(new ByteArrayDataSource(zip(files), "application/zip")));
    zip.setFileName(zipName(input));
    zip.setDisposition(MimeBodyPart.ATTACHMENT);
    parts.add(zip);
    return parts;
  }

  static String zipName(SummaryReport.Input input) {
    return "caplens-report-" + input.from() + "_" + input.to() + ".zip";
  }

  private static byte[] zip(List<Path> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static InternetAddress address(String address) throws AddressException {
    InternetAddress parsed = new InternetAddress(address, true);
    return parsed;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
