package dev.caplens.ingest.aws;

import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The scopes of one AWS run (EC2 or Outposts): every account x region. */
public final class AwsIngest {

  public static final String PROVIDER = "aws";
  /** Outposts snapshots sit under their own provider directory, as `ingest --provider outposts` reads them. */
  public static final String OUTPOSTS_PROVIDER = "outposts";

  private AwsIngest() {}

  public static List<ScopeTask> ec2Scopes(AwsClientFactory clients, List<AwsAccount> accounts,
                                          List<String> regions, Instant snapshotTime, String runId) {
    return scopes(accounts, regions, (account, region) -> {
      ScopeSnapshot scope = new ScopeSnapshot(PROVIDER, account.accountId(), region, Ec2ScopeReader.SOURCE,
          snapshotTime, runId);
      return new Ec2ScopeReader(scope, clients.ec2(account, region));
    });
  }

  public static List<ScopeTask> outpostsScopes(AwsClientFactory clients, List<AwsAccount> accounts,
                                               List<String> regions, Instant snapshotTime, String runId) {
    return scopes(accounts, regions, (account, region) -> {
      ScopeSnapshot scope = new ScopeSnapshot(OUTPOSTS_PROVIDER, account.accountId(), region,
          OutpostsScopeReader.SOURCE, snapshotTime, runId);
      return new OutpostsScopeReader(scope, clients.outposts(account, region));
    });
  }

  /** One task per account x region. */
  private static List<ScopeTask> scopes(List<AwsAccount> accounts, List<String> regions,
                                        BiFunction<AwsAccount, String, ScopeTask> task) {
    List<ScopeTask> tasks = new ArrayList<>();
    for (AwsAccount account : accounts) {
      for (String region : regions) {
        tasks.add(task.apply(account, region));
      }
    }
    return tasks;
  }
}
