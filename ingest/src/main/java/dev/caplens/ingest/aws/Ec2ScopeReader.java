package dev.caplens.ingest.aws;

import static dev.caplens.ingest.snapshot.SnapshotTables.CAPACITY_BLOCKS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATIONS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATION_USAGE;

import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.CapacityBlockRow;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import dev.caplens.ingest.snapshot.UsageRow;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityBlock;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlocksResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;

/**
 * One account x region of EC2: every capacity reservation (ODCRs, capacity blocks, interruptible
 * ones), the per-account usage of those with instances in use or in a lending pair, and the
 * capacity blocks. Pages stream to the snapshot writer; only reservation ids are kept in memory.
 */
public final class Ec2ScopeReader implements ScopeTask {

  public static final String SOURCE = "ec2";
  static final int MAX_RESULTS = 1000;

  private final ScopeSnapshot scope;
  private final Ec2Client ec2;
  private final AwsCalls calls = new AwsCalls();

  public Ec2ScopeReader(ScopeSnapshot scope, Ec2Client ec2) {
    this.scope = scope;
    this.ec2 = ec2;
  }

  @Override
  public ScopeSnapshot scope() {
    return scope;
  }

  @Override
  public ScopeRow read(ScopeSnapshotWriter writer) {
    var reservations = writer.table(RESERVATIONS);
    var usage = writer.table(RESERVATION_USAGE);
    var blocks = writer.table(CAPACITY_BLOCKS);

    List<String> usageToRead = new ArrayList<>();
    calls.call("DescribeCapacityReservations", () -> {
      for (DescribeCapacityReservationsResponse page :
          ec2.describeCapacityReservationsPaginator(r -> r.maxResults(MAX_RESULTS))) {
        calls.countPage();
        for (CapacityReservation cr : page.capacityReservations()) {
          ReservationRow row = Ec2Rows.reservation(cr);
          reservations.append(row);
          if (needsUsage(row)) {
            usageToRead.add(row.reservationId());
          }
        }
      }
    });
    for (String reservationId : usageToRead) {
      calls.call("GetCapacityReservationUsage " + reservationId, () -> readUsage(reservationId).forEach(usage::append));
    }
    calls.call("DescribeCapacityBlocks", () -> {
      for (DescribeCapacityBlocksResponse page :
          ec2.describeCapacityBlocksPaginator(r -> r.maxResults(MAX_RESULTS))) {
        calls.countPage();
        for (CapacityBlock block : page.capacityBlocks()) {
          CapacityBlockRow row = Ec2Rows.capacityBlock(block);
          blocks.append(row);
        }
      }
    });
    return new ScopeRow(SOURCE, calls.pages(), calls.pages(), reservations.rows());
  }

  @Override
  public void close() {
    ec2.close();
  }

  /**
   * Usage can only add information where instances run: a reservation with none in use has no
   * account to split. Both sides of a lending pair are read so borrowers are charged.
   */
  static boolean needsUsage(ReservationRow row) {
    return row.usedInstanceCount() > 0 || row.inLendingPair();
  }

  /** GetCapacityReservationUsage has no SDK paginator: follow NextToken until it is absent. */
  private List<UsageRow> readUsage(String reservationId) {
    List<UsageRow> rows = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      GetCapacityReservationUsageResponse page = ec2.getCapacityReservationUsage(r -> r
          .capacityReservationId(reservationId).maxResults(MAX_RESULTS).nextToken(pageToken));
      calls.countPage();
      rows.addAll(Ec2Rows.usage(reservationId, page));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return rows;
  }
}
