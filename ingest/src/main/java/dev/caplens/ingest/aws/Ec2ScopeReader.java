package dev.caplens.ingest.aws;

import static dev.caplens.ingest.snapshot.SnapshotTables.CAPACITY_BLOCKS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATIONS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATION_USAGE;

import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlocksResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;

/**
 * One account x region of EC2: every capacity reservation (ODCRs, capacity blocks, interruptible
 * ones), the per-account usage of those with instances in use or in a lending pair, and the
 * capacity blocks. Pages stream to the snapshot writer; only reservation ids are kept in memory.
 * Listings follow NextToken page by page (rather than the SDK paginators) so that one page can be
 * retried on its own ({@link AwsCalls}).
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

    // A set: a reservation listed on two pages has its usage read (and written) once.
    Set<String> usageToRead = new LinkedHashSet<>();
    calls.pages("DescribeCapacityReservations",
        token -> ec2.describeCapacityReservations(r -> r.maxResults(MAX_RESULTS).nextToken(token)),
        DescribeCapacityReservationsResponse::nextToken,
        page -> {
          for (CapacityReservation cr : page.capacityReservations()) {
            ReservationRow row = Ec2Rows.reservation(cr);
            reservations.append(row);
            if (needsUsage(row)) {
              usageToRead.add(row.reservationId());
            }
          }
        });
    for (String reservationId : usageToRead) {
      calls.pages("GetCapacityReservationUsage " + reservationId,
          token -> ec2.getCapacityReservationUsage(r -> r
              .capacityReservationId(reservationId).maxResults(MAX_RESULTS).nextToken(token)),
          GetCapacityReservationUsageResponse::nextToken,
          page -> Ec2Rows.usage(reservationId, page).forEach(usage::append));
    }
    calls.pages("DescribeCapacityBlocks",
        token -> ec2.describeCapacityBlocks(r -> r.maxResults(MAX_RESULTS).nextToken(token)),
        DescribeCapacityBlocksResponse::nextToken,
        page -> page.capacityBlocks().stream().map(Ec2Rows::capacityBlock).forEach(blocks::append));
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
}
