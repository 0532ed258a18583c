package dev.caplens.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caplens validate-config FILE}: every problem a nightly run would hit in the file, without touching a cloud. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
    description = "Check a config file for nightly/backfill without contacting any cloud; errors name the key.")
final class ValidateConfigCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "YAML config file.")
  Path file;

  @Override
  public Integer call() {
    CaplensConfig cfg = CaplensConfig.load(file);
    ConfigCheck.require(file, ConfigCheck.forNightly(cfg));
    System.out.println("config " + file + " is valid: warehouse " + cfg.warehouse() + ", reports in "
        + ReportLayout.of(cfg).root() + ", sources " + String.join(", ", sources(cfg)));
    return ExitCodes.OK;
  }

  private static List<String> sources(CaplensConfig cfg) {
    List<String> sources = new ArrayList<>();
    if (!cfg.awsRegions().isEmpty()) {
      String accounts = cfg.awsAccounts().isEmpty() ? "the default credentials' account"
          : cfg.awsAccounts().size() + " account(s)";
      sources.add("aws ec2 (" + cfg.awsRegions().size() + " region(s) x " + accounts + ")");
      if (cfg.awsOutposts()) {
        sources.add("outposts");
      }
    }
    if (!cfg.aliyunRegions().isEmpty()) {
      sources.add("aliyun (" + cfg.aliyunRegions().size() + " region(s))");
    }
    return sources;
  }
}
