package dev.caplens.jobs;

import dev.caplens.transform.PriceFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The caplens command line (DESIGN.md "Command line"). The same main class runs under
 * {@code ./caplens} and under {@code spark-submit --class}.
 */
@Command(name = "caplens",
    mixinStandardHelpOptions = true,
    versionProvider = CaplensCli.Version.class,
    description = "What reserved cloud capacity costs, who uses it, and how much of it sits idle.",
    subcommands = {
        DemoCommand.class,
        IngestCommand.class,
        TransformCommand.class,
        ReportCommand.class,
        NightlyCommand.class,
        BackfillCommand.class,
        CompactCommand.class,
        PricesCommand.class,
        ValidateConfigCommand.class,
        CommandLine.HelpCommand.class})
public final class CaplensCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  LogLevels logLevels;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; errors are one line on stderr. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new CaplensCli());
    cli.setParameterExceptionHandler(CaplensCli::badUsage);
    cli.setExecutionExceptionHandler(CaplensCli::failed);
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    // A mistyped option also leaves a required one missing; the typo is the thing to report.
    String message = e.getCommandLine().getUnmatchedArguments().isEmpty()
        ? e.getMessage()
        : "unknown option or argument: " + String.join(" ", e.getCommandLine().getUnmatchedArguments());
    err.println("caplens: " + message + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
        + " --help')");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof UsageException || e instanceof PriceFileException) {
      err.println("caplens: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println("caplens: " + cli.getCommandName() + " failed: " + oneLine(e));
    err.flush();
    return ExitCodes.FAILED;
  }

  /** The message of the exception and its root cause, on one line. */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + ": " + root.getMessage();
    }
    return message.replaceAll("\\s*\\R\\s*", " ");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CaplensCli.class.getPackage().getImplementationVersion();
      return new String[] {"caplens " + (version == null ? "development build" : version)};
    }
  }
}
