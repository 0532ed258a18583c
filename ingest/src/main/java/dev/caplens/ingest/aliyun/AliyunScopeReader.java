package dev.caplens.ingest.aliyun;

import static dev.caplens.ingest.snapshot.SnapshotTables.POOL_INSTANCE_COUNTS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATIONS;
import static dev.caplens.ingest.snapshot.SnapshotTables.RESERVATION_USAGE;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesRequest;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationInstancesResponseBody;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsRequest;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody;
import com.aliyun.tea.TeaException;
import dev.caplens.ingest.NextTokens;
import dev.caplens.ingest.ScopeReadException;
import dev.caplens.ingest.ScopeTask;
import dev.caplens.ingest.snapshot.PoolInstanceCountRow;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One Alibaba region: every ECS capacity reservation (private pool) with its allocated resources
 * and per-account usage, paged by NextToken; optionally the instances in each pool, to cross-check
 * UsedAmount.
 */
public final class AliyunScopeReader implements ScopeTask {

  public static final String PROVIDER = "aliyun";
  public static final String SOURCE = "ecs";
  static final int MAX_RESULTS = 100;

  private final ScopeSnapshot scope;
  private final Client ecs;
  private final AliyunRetry retry;
  private final boolean countPoolInstances;
  private int pages;

  /**
   * @param countPoolInstances also call DescribeCapacityReservationInstances for every pool (the
   *     config's cross-check switch); one more call per pool and page
   */
  public AliyunScopeReader(ScopeSnapshot scope, Client ecs, AliyunRetry retry, boolean countPoolInstances) {
    this.scope = scope;
    this.ecs = ecs;
    this.retry = retry;
    this.countPoolInstances = countPoolInstances;
  }

  @Override
  public ScopeSnapshot scope() {
    return scope;
  }

  @Override
  public ScopeRow read(ScopeSnapshotWriter writer) {
    var reservations = writer.table(RESERVATIONS);
    var usage = writer.table(RESERVATION_USAGE);
    var instanceCounts = writer.table(POOL_INSTANCE_COUNTS);
    Set<String> poolIds = new LinkedHashSet<>();
    int pools = 0;
    NextTokens tokens = new NextTokens("DescribeCapacityReservations");
    String token = null;
    do {
      DescribeCapacityReservationsRequest request = new DescribeCapacityReservationsRequest()
          .setRegionId(scope.region()).setMaxResults(MAX_RESULTS).setNextToken(token);
      DescribeCapacityReservationsResponseBody page =
          call("DescribeCapacityReservations", () -> AliyunRetry.requireRequestId(
              ecs.describeCapacityReservations(request).getBody(), DescribeCapacityReservationsResponseBody::getRequestId));
      pages++;
      if (page.getCapacityReservationSet() != null && page.getCapacityReservationSet().getCapacityReservationItem() != null) {
        for (var pool : page.getCapacityReservationSet().getCapacityReservationItem()) {
          pools++;
          try {
            AliyunRows.reservations(pool).forEach(reservations::append);
            // A pool listed again on a later page keeps both listings (the transform reports
            // them) but its usage only once, so no account is charged twice.
            if (poolIds.add(pool.getPrivatePoolOptionsId())) {
              AliyunRows.usage(pool).forEach(usage::append);
            }
          } catch (IllegalArgumentException e) {
            throw new ScopeReadException("DescribeCapacityReservations returned an unreadable pool: " + e.getMessage(), e);
          }
        }
      }
      // The last page carries "NextToken": "" rather than no token.
      token = page.getNextToken();
    } while (tokens.more(token));

    if (countPoolInstances) {
      for (String poolId : poolIds) {
        instanceCounts.append(new PoolInstanceCountRow(poolId, countInstances(poolId)));
      }
    }
    return new ScopeRow(SOURCE, pages, pages, reservations.rows());
  }

  private int countInstances(String poolId) {
    int count = 0;
    NextTokens tokens = new NextTokens("DescribeCapacityReservationInstances " + poolId);
    String token = null;
    do {
      DescribeCapacityReservationInstancesRequest request = new DescribeCapacityReservationInstancesRequest()
          .setRegionId(scope.region()).setMaxResults(MAX_RESULTS).setNextToken(token)
          .setPrivatePoolOptions(new DescribeCapacityReservationInstancesRequest
              .DescribeCapacityReservationInstancesRequestPrivatePoolOptions().setId(poolId));
      DescribeCapacityReservationInstancesResponseBody page = call("DescribeCapacityReservationInstances " + poolId,
          () -> AliyunRetry.requireRequestId(ecs.describeCapacityReservationInstances(request).getBody(),
              DescribeCapacityReservationInstancesResponseBody::getRequestId));
      pages++;
      if (page.getCapacityReservationItem() != null && page.getCapacityReservationItem().getInstanceIdSet() != null) {
        count += page.getCapacityReservationItem().getInstanceIdSet().size();
      }
      token = page.getNextToken();
    } while (tokens.more(token));
    return count;
  }

  private <T> T call(String what, dev.failsafe.function.CheckedSupplier<T> call) {
    try {
      return retry.call(call);
    } catch (TeaException e) {
      throw new ScopeReadException(what + " failed: " + e.getCode() + " (HTTP " + e.getStatusCode() + "): "
          + e.getMessage(), e);
    } catch (Exception e) {
      throw new ScopeReadException(what + " failed: " + e.getMessage(), e);
    }
  }
}
