package dev.caplens.ingest.aws;

import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The EC2 scopes of one run: every account x region. */
public final class AwsIngest {

  public static final String PROVIDER = "aws";
  /** Outposts snapshots sit under their own provider directory, as `ingest --provider outposts` reads them. */
  public static final String OUTPOSTS_PROVIDER = "outposts";

  private AwsIngest() {}

  public static List<ScopeTask> ec2Scopes(AwsClientFactory clients, List<AwsAccount> accounts,
                                          List<String> regions, Instant snapshotTime, String runId) {
    List<ScopeTask> tasks = new ArrayList<>();
    for (AwsAccount account : accounts) {
      for (String region : regions) {
        ScopeSnapshot scope = new ScopeSnapshot(PROVIDER, account.accountId(), region,
            Ec2ScopeReader.SOURCE, snapshotTime, runId);
        tasks.add(new Ec2ScopeReader(scope, clients.ec2(account, region)));
      }
    }
    return tasks;
  }

  public static List<ScopeTask> outpostsScopes(AwsClientFactory clients, List<AwsAccount> accounts,
                                               List<String> regions, Instant snapshotTime, String runId) {
    List<ScopeTask> tasks = new ArrayList<>();
    for (AwsAccount account : accounts) {
      for (String region : regions) {
        ScopeSnapshot scope = new ScopeSnapshot(OUTPOSTS_PROVIDER, account.accountId(), region,
            OutpostsScopeReader.SOURCE, snapshotTime, runId);
        tasks.add(new OutpostsScopeReader(scope, clients.outposts(account, region)));
      }
    }
    return tasks;
  }
}
