package dev.caplens.sample.fleet;

import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.AllocatedResource;
import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.CapacityBlock;
import dev.caplens.sample.CapacityTask;
import dev.caplens.sample.Outpost;
import dev.caplens.sample.PrivatePool;
import dev.caplens.sample.ReservationObservation;
import dev.caplens.sample.SampleOrgFiles;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A generated {@link Fleet} at one snapshot time, as the loopback sample server serves it for
 * ingest benchmarks: every AWS and Alibaba account of the fleet with an access key of its own,
 * each reservation listed by its owner's scope (as {@code FleetSnapshots} writes it), replies
 * rendered on demand from the fleet's state at that time so that 100k reservations are never held
 * as text.
 */
public final class FleetCloud implements ServedCloud {

  private final Fleet fleet;
  private final Instant snapshotTime;
  private final List<AwsAccount> awsAccounts;
  private final List<AliyunAccount> aliyunAccounts;
  private final Map<String, Supplier<String>> replies = new HashMap<>();

  private FleetCloud(Fleet fleet, Instant snapshotTime) {
    this.fleet = fleet;
    this.snapshotTime = snapshotTime;
    this.awsAccounts = fleet.awsAccounts().stream()
        .map(id -> new AwsAccount(id, "fleet-" + id, accessKeyId(id), "fleet-secret-" + id)).toList();
    this.aliyunAccounts = fleet.aliyunAccounts().stream()
        .map(id -> new AliyunAccount(id, "LTAI5tFleet" + id, "fleet-secret-" + id)).toList();
  }

  /** The fleet as it is at {@code snapshotTime}, which must be one of the fleet's snapshot times. */
  public static FleetCloud at(Fleet fleet, Instant snapshotTime) {
    if (!fleet.snapshotTimes().contains(snapshotTime)) {
      throw new IllegalArgumentException("the fleet has no snapshot at " + snapshotTime);
    }
    FleetCloud cloud = new FleetCloud(fleet, snapshotTime);
    cloud.render();
    return cloud;
  }

  /** The access key id the server knows fleet AWS account {@code accountId} by. */
  public static String accessKeyId(String accountId) {
    return "AKIAFLEET" + accountId;
  }

  public Fleet fleet() {
    return fleet;
  }

  public Instant snapshotTime() {
    return snapshotTime;
  }

  @Override
  public List<AwsAccount> awsAccounts() {
    return awsAccounts;
  }

  @Override
  public List<String> awsRegions() {
    return fleet.awsRegions();
  }

  @Override
  public List<AliyunAccount> aliyunAccounts() {
    return aliyunAccounts;
  }

  @Override
  public List<String> aliyunRegions() {
    return fleet.aliyunRegions();
  }

  @Override
  public List<Instant> snapshotTimes() {
    return List.of(snapshotTime);
  }

  @Override
  public Optional<String> reply(String layoutPath) {
    return Optional.ofNullable(replies.get(layoutPath)).map(Supplier::get);
  }

  private void render() {
    Instant t = snapshotTime;
    Map<String, List<ReservationObservation>> reservations = fleet.capacityReservationsByScope(t);
    List<CapacityBlock> blocks = fleet.capacityBlocks(t);
    Map<String, List<Outpost>> outposts = fleet.outpostsByScope();
    Map<String, List<PrivatePool>> pools = fleet.privatePoolsByScope(t);
    for (String account : fleet.awsAccounts()) {
      for (String region : fleet.awsRegions()) {
        List<ReservationObservation> listed = reservations.getOrDefault(Fleet.scope(account, region), List.of());
        Set<String> listedIds = listed.stream().map(o -> o.reservation().id()).collect(Collectors.toSet());
        List<CapacityBlock> scopeBlocks = blocks.stream()
            .filter(b -> b.capacityReservationIds().stream().anyMatch(listedIds::contains)).toList();
        SampleOrgFiles.ec2Scope(replies::put, t, account, region, listed, scopeBlocks);
        List<Outpost> scopeOutposts = outposts.getOrDefault(Fleet.scope(account, region), List.of());
        List<CapacityTask> tasks = scopeOutposts.stream().flatMap(o -> fleet.capacityTasks(t, o.id()).stream()).toList();
        SampleOrgFiles.outpostsScope(replies::put, t, account, region, scopeOutposts,
            id -> fleet.outpostAssets(t, id), id -> fleet.assetInstances(t, id), tasks);
      }
    }
    for (String account : fleet.aliyunAccounts()) {
      for (String region : fleet.aliyunRegions()) {
        SampleOrgFiles.ecsScope(replies::put, t, account, region, pools.getOrDefault(Fleet.scope(account, region), List.of()),
            poolInstanceIds());
      }
    }
  }

  /** One instance id per used slot of a pool, numbered within the pool. */
  private static Function<PrivatePool, List<String>> poolInstanceIds() {
    return pool -> {
      int used = pool.allocatedResources().stream().mapToInt(AllocatedResource::usedAmount).sum();
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= used; i++) {
        ids.add(String.format("i-%s%06d", pool.id().substring("crp-".length()), i));
      }
      return ids;
    };
  }
}
