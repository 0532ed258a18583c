package dev.caplens.jobs;

import java.time.LocalDate;

/** Checks shared by the commands: an option or its config key, and date ranges. */
final class Options {

  private Options() {}

  /** The option's value, else the config's, else a usage error naming both. */
  static String required(String option, String fromOption, String fromConfig) {
    if (fromOption != null && !fromOption.isBlank()) {
      return fromOption;
    }
    if (fromConfig != null && !fromConfig.isBlank()) {
      return fromConfig;
    }
    throw new UsageException("missing " + option + " (or its key in --config)");
  }

  static void checkRange(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new UsageException("--to " + to + " is before --from " + from);
    }
  }
}
