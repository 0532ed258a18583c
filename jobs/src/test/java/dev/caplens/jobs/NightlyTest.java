package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.caplens.reports.SummaryMail;
import dev.caplens.sample.server.Fault;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import dev.caplens.sample.server.FaultPlan;
import dev.caplens.sample.server.SampleCloudServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightly} against the sample server: three snapshots of 2026-11-21 are already in the
 * warehouse, nightly ingests the 18:00 one and recomputes 2026-11-21 with one late day (20th).
 * A second run for the same day must change nothing; a source that fails must not stop the others.
 */
class NightlyTest {

  static final LocalDate DAY = LocalDate.parse("2026-11-21");
  static final Instant NIGHTLY_SNAPSHOT = Instant.parse("2026-11-21T18:00:00Z");

  @TempDir
  static Path dir;

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static SampleCloudServer server;
  static CloudClients clients;
  static CaplensConfig cfg;

  @BeforeAll
  static void warehouseWithEarlierSnapshots() throws IOException {
    server = SampleCloudServer.start(3);
    clients = SampleClouds.of(server);
    cfg = CaplensConfig.load(SampleClouds.writeConfig(server, dir, 1));
    assertThat(ConfigCheck.forNightly(cfg)).isEmpty();
    SampleClouds.ingest(server, cfg, Stream.of("00", "06", "12")
        .map(hour -> Instant.parse("2026-11-21T" + hour + ":00:00Z")).toList());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void twoRunsForTheSameDayLeaveTheSameMartsReportsAndSnapshots() throws Exception {
    server.useSnapshot(NIGHTLY_SNAPSHOT);
    NightlyCommand.Nightly first = NightlyCommand.run(cfg, clients, DAY, NIGHTLY_SNAPSHOT);
    Map<String, byte[]> reportsAfterFirst = ReportFiles.contents(dir.resolve("reports"));
    List<String> martsAfterFirst = marts();
    List<Group> reservationsAfterFirst = ParquetFiles.rows(dir.resolve("warehouse/snapshots/reservations"));

    NightlyCommand.Nightly second = NightlyCommand.run(cfg, clients, DAY, NIGHTLY_SNAPSHOT);

    assertThat(first.failedSources()).isEmpty();
    // EC2 and Outposts: 1 account x 2 regions each; Alibaba: 1 region.
    assertThat(first.ingested().manifests()).hasSize(3);
    assertThat(first.ingested().scopes()).isEqualTo(5);
    assertThat(first.recomputed().from()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(reportsAfterFirst.keySet()).contains("daily/2026-11-20/reservations.csv",
        "daily/2026-11-21/reservations.csv", "month/2026-11/summary.html", "month/2026-11/accounts.csv");
    assertThat(reportsAfterFirst.keySet()).noneMatch(name -> name.contains(".new-") || name.contains(".old-"));
    assertThat(second.recomputed().transform()).isEqualTo(first.recomputed().transform());
    assertThat(ReportFiles.contents(dir.resolve("reports"))).containsOnlyKeys(reportsAfterFirst.keySet())
        .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(reportsAfterFirst.get(name)));
    assertThat(martsAfterFirst).anyMatch(row -> row.startsWith("reservation_daily"));
    assertThat(marts()).isEqualTo(martsAfterFirst);
    List<Group> reservations = ParquetFiles.rows(dir.resolve("warehouse/snapshots/reservations"));
    assertThat(reservations).hasSameSizeAs(reservationsAfterFirst);
    // Four snapshot times; re-ingesting 18:00 replaced its files instead of adding rows.
    assertThat(reservations.stream().map(Group::toString).distinct()).hasSize(reservations.size());
    assertThat(reservations.stream().map(r -> r.getLong("snapshot_time", 0)).distinct()).hasSize(4);
    assertThat(RunSummary.nightly(second)).startsWith("caplens nightly 2026-11-21: read 3 source run(s), 5 scope(s)")
        .contains("0 unreadable").contains("computed 2026-11-20 to 2026-11-21")
        .contains("wrote 3 report(s) in " + dir.resolve("reports"));
  }

  @Test
  void aSourceThatFailsDoesNotStopTheOthers() throws Exception {
    server.useSnapshot(NIGHTLY_SNAPSHOT);
    server.injectFaults(FaultPlan.scope(server.organisation().aliyunAccount().id(), "cn-hangzhou",
        Fault.error(403, "Forbidden.RAM", "User not authorized to operate on the specified resource.")));
    // Only the day itself: the late days are not what this test is about.
    CaplensConfig noLateDays = CaplensConfig.load(Files.writeString(dir.resolve("no-late-days.yaml"),
        Files.readString(dir.resolve("caplens.yaml")).replace("late-days: 1", "late-days: 0")));
    try {
      NightlyCommand.Nightly nightly = NightlyCommand.run(noLateDays, clients, DAY, NIGHTLY_SNAPSHOT);

      assertThat(nightly.failedSources()).singleElement().asString()
          .startsWith("aliyun:" + server.organisation().aliyunAccount().id() + "/cn-hangzhou").contains("Forbidden.RAM");
      assertThat(nightly.ingested().manifests()).hasSize(3);
      assertThat(nightly.ingested().scopes()).isEqualTo(5);
      assertThat(dir.resolve("reports/daily/2026-11-21/reservations.csv")).isNotEmptyFile();
      assertThat(nightly.recomputed().from()).isEqualTo(DAY);
      assertThat(RunSummary.nightly(nightly)).contains("1 unreadable");

      // The day's summary, emailed, says what is missing from it.
      SummaryMail.Settings mail = new SummaryMail.Settings("caplens@example.com", List.of("finance@example.com"),
          "127.0.0.1", SMTP.getSmtp().getPort(), null, null, SummaryMail.StartTls.OFF,
          SummaryMail.Certificate.VERIFY, SummaryMail.DEFAULT_ZIP_ABOVE_BYTES);
      assertThat(NightlyCommand.email(nightly, mail)).isEqualTo(ExitCodes.OK);
      MimeMessage[] received = SMTP.getReceivedMessages();
      assertThat(received).hasSize(1);
      assertThat(received[0].getSubject()).startsWith("caplens: reserved capacity 2026-11-21, idle ");
      assertThat(html(received[0])).contains("Sources that could not be read").contains("Forbidden.RAM");
    } finally {
      server.injectFaults(FaultPlan.none());
    }
  }

  /** The text/html part of a message, decoded. */
  private static String html(Part part) throws IOException, MessagingException {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String html = html(multipart.getBodyPart(i));
        if (html != null) {
          return html;
        }
      }
    }
    return null;
  }

  /** Every mart row with the day directory it is in; part file names are Spark's and vary. */
  private static List<String> marts() throws IOException {
    Path marts = dir.resolve("warehouse/marts");
    List<String> rows = new java.util.ArrayList<>();
    for (Path file : ParquetFiles.files(marts)) {
      // A run writes a new version of each day it computes: compare the rows, not the version ids.
      String partition = marts.relativize(file.getParent()).toString().replaceAll("/version=[^/]+$", "");
      for (Group row : ParquetFiles.rows(file)) {
        rows.add(partition + " " + row.toString().replace('\n', ' '));
      }
    }
    rows.sort(null);
    return rows;
  }
}
