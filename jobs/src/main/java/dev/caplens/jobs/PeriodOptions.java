package dev.caplens.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The warehouse, day range and config options that transform and report share. */
final class PeriodOptions {

  @Option(names = "--warehouse", description = "Warehouse directory or Hadoop URI (default: from --config).")
  String warehouse;

  @Option(names = "--from", required = true, description = "First UTC day, YYYY-MM-DD.")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last UTC day, YYYY-MM-DD (inclusive).")
  LocalDate to;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  /** Checks the range, loads the config and returns it. */
  CaplensConfig resolve() {
    Options.checkRange(from, to);
    return CaplensConfig.load(config);
  }

  String warehouse(CaplensConfig cfg) {
    return Options.required("--warehouse", warehouse, cfg.warehouse());
  }
}
