package dev.caplens.jobs;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * A progress line on stderr, rewritten in place, only when caplens runs on a terminal: scheduled
 * runs (cron, systemd, Kubernetes) get the per-stage log lines and nothing else.
 */
final class Progress implements Consumer<String>, AutoCloseable {

  private final PrintStream terminal;
  private boolean lineOpen;

  private Progress(PrintStream terminal) {
    this.terminal = terminal;
  }

  static Progress onTerminal() {
    return new Progress(System.console() != null ? System.err : null);
  }

  static boolean attachedToTerminal() {
    return System.console() != null;
  }

  @Override
  public synchronized void accept(String line) {
    if (terminal != null) {
      terminal.print("\r" + line + "\u001b[K");
      terminal.flush();
      lineOpen = true;
    }
  }

  /** Ends the progress line so that the next log line starts on its own. */
  @Override
  public synchronized void close() {
    if (lineOpen) {
      terminal.println();
      lineOpen = false;
    }
  }
}
