package dev.caplens.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --verbose} / {@code --quiet}, accepted before or after the subcommand. By default
 * (log4j2.properties) caplens logs one INFO line per stage and Spark, Hadoop and the SDKs log
 * warnings only.
 */
final class LogLevels {

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log caplens at DEBUG and Spark, Hadoop and the SDKs at INFO.")
  void verbose(boolean on) {
    if (on) {
      Configurator.setRootLevel(Level.INFO);
      Configurator.setLevel("dev.caplens", Level.DEBUG);
    }
  }

  @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "Log warnings and errors only.")
  void quiet(boolean on) {
    if (on) {
      Configurator.setRootLevel(Level.WARN);
      Configurator.setLevel("dev.caplens", Level.WARN);
    }
  }
}
