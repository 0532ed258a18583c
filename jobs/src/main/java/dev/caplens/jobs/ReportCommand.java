package dev.caplens.jobs;

import dev.caplens.reports.ReportFiles;
import dev.caplens.reports.SummaryMail;
import dev.caplens.reports.SummaryReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code caplens report}: report files for a day range from the marts, optionally emailed. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the report files (CSV, FOCUS, HTML summary) for a day range from the marts.")
final class ReportCommand implements Callable<Integer> {

  @Mixin
  PeriodOptions period;

  @Option(names = "--out", required = true, description = "Directory to write the report files to.")
  Path out;

  @Mixin
  EmailOptions email;

  @Override
  public Integer call() throws Exception {
    CaplensConfig cfg = period.resolve();
    String warehouse = period.warehouse(cfg);
    SummaryMail.Settings mail = email.settings(cfg, System.getenv());
    SummaryReport.Input summary = PipelineJobs.report(SparkSessions.getOrCreate("caplens report"), warehouse,
        period.from, period.to, out);
    System.out.println("caplens report: " + period.from + " to " + period.to + " in " + out.toAbsolutePath());
    return email.deliver(out, summary, mail, "report");
  }

  /** {@code --email [--dry-run]}, shared by report and demo. */
  static final class EmailOptions {

    @Option(names = "--email", description = "Email the summary with the CSV files (settings from --config's email section).")
    boolean email;

    @Option(names = "--dry-run", description = "With --email: write the message to DIR/" + ReportFiles.SUMMARY_EML
        + " instead of sending it.")
    boolean dryRun;

    /** The mail settings when --email is given (null otherwise); config mistakes surface before any work. */
    SummaryMail.Settings settings(CaplensConfig cfg, java.util.Map<String, String> env) {
      if (dryRun && !email) {
        throw new UsageException("--dry-run only goes with --email");
      }
      if (!email) {
        return null;
      }
      return dryRun ? MailSettings.forMessage(cfg) : MailSettings.forSending(cfg, env);
    }

    /** Sends or writes the email; a failed send is exit code 1 with the report files left in place. */
    int deliver(Path reportDir, SummaryReport.Input summary, SummaryMail.Settings settings, String command)
        throws Exception {
      if (settings == null) {
        return ExitCodes.OK;
      }
      if (dryRun) {
        Path eml = SummaryMail.writeEml(reportDir, summary, settings);
        System.out.println("caplens " + command + ": summary email written to " + eml.toAbsolutePath()
            + " (not sent)");
        return ExitCodes.OK;
      }
      return send(reportDir, summary, settings, command);
    }

    /** Sends the summary of {@code reportDir}; a failed send is one stderr line and exit code 1, the files kept. */
    static int send(Path reportDir, SummaryReport.Input summary, SummaryMail.Settings settings, String command)
        throws IOException {
      try {
        SummaryMail.send(reportDir, summary, settings);
      } catch (SummaryMail.DeliveryException e) {
        System.err.println("caplens: " + command + " files are in " + reportDir.toAbsolutePath()
            + ", but the summary email was not sent: " + e.getMessage());
        return ExitCodes.FAILED;
      }
      System.out.println("caplens " + command + ": summary emailed to " + String.join(", ", settings.to()));
      return ExitCodes.OK;
    }
  }
}
