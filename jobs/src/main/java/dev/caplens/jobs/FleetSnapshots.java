package dev.caplens.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.snapshot.CapacityBlockRow;
import dev.caplens.ingest.snapshot.CapacityTaskRow;
import dev.caplens.ingest.snapshot.OutpostCapacityRow;
import dev.caplens.ingest.snapshot.OutpostInstanceRow;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import dev.caplens.ingest.snapshot.SnapshotTables;
import dev.caplens.ingest.snapshot.UsageRow;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.sample.AllocatedResource;
import dev.caplens.sample.CapacityBlock;
import dev.caplens.sample.CapacityReservation;
import dev.caplens.sample.CapacityTask;
import dev.caplens.sample.InstanceTypeCount;
import dev.caplens.sample.Outpost;
import dev.caplens.sample.PrivatePool;
import dev.caplens.sample.ReservationObservation;
import dev.caplens.sample.ReservationState;
import dev.caplens.sample.fleet.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a generated {@link Fleet} straight into a warehouse's snapshot tables through ingest's
 * {@link ScopeSnapshotWriter}, as an ingest run at each snapshot time would have left them: one
 * published scope snapshot per source (EC2, Outposts, Alibaba ECS), account and region, every
 * reservation listed by its owner's scope, usage rows only where instances run or lending is
 * involved (as ingest reads them). No API is called, so large fleets and long histories can be
 * written in minutes.
 */
public final class FleetSnapshots {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What was written: scope snapshots and reservation rows (the observations the transform reads). */
  public record Written(long scopeSnapshots, long reservationRows) {}

  private FleetSnapshots() {}

  /** Writes every snapshot time of the fleet. */
  public static Written write(Fleet fleet, Warehouse warehouse) {
    return write(fleet, warehouse, fleet.snapshotTimes());
  }

  /** Writes the given snapshot times; scopes of one instant are written in parallel. */
  public static Written write(Fleet fleet, Warehouse warehouse, List<Instant> times) {
    AtomicLong scopes = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    for (Instant t : times) {
      String runId = "fleet-" + RUN_TIME.format(t);
      List<Runnable> tasks = new ArrayList<>();
      Map<String, List<ReservationObservation>> ec2ByScope = fleet.capacityReservationsByScope(t);
      Map<String, List<CapacityBlock>> blocksById = fleet.capacityBlocks(t).stream()
          .collect(Collectors.groupingBy(CapacityBlock::id));
      Map<String, List<Outpost>> outpostsByScope = fleet.outpostsByScope();
      Map<String, List<PrivatePool>> poolsByScope = fleet.privatePoolsByScope(t);
      for (String account : fleet.awsAccounts()) {
        for (String region : fleet.awsRegions()) {
          String key = Fleet.scope(account, region);
          tasks.add(() -> rows.addAndGet(writeEc2(warehouse, new ScopeSnapshot("aws", account, region, "ec2", t, runId),
              ec2ByScope.getOrDefault(key, List.of()), blocksById)));
          tasks.add(() -> rows.addAndGet(writeOutposts(warehouse,
              new ScopeSnapshot("outposts", account, region, "outposts", t, runId), fleet, t,
              outpostsByScope.getOrDefault(key, List.of()))));
        }
      }
      for (String account : fleet.aliyunAccounts()) {
        for (String region : fleet.aliyunRegions()) {
          String key = Fleet.scope(account, region);
          tasks.add(() -> rows.addAndGet(writeEcs(warehouse, new ScopeSnapshot("aliyun", account, region, "ecs", t, runId),
              poolsByScope.getOrDefault(key, List.of()))));
        }
      }
      try {
        tasks.parallelStream().forEach(Runnable::run);
      } finally {
        // As ingest does after a run: published files have moved out, what is left is empty directories.
        warehouse.deleteQuietly(warehouse.stagingDir(runId));
      }
      scopes.addAndGet(tasks.size());
    }
    return new Written(scopes.get(), rows.get());
  }

  /** Writes the fleet's prices file and returns it. */
  public static Path writePrices(Fleet fleet, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return Files.writeString(file, fleet.pricesCsv());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write prices to " + file, e);
    }
  }

  private static int writeEc2(Warehouse warehouse, ScopeSnapshot scope, List<ReservationObservation> listed,
      Map<String, List<CapacityBlock>> blocksById) {
    return publish(warehouse, scope, writer -> {
      var reservations = writer.table(SnapshotTables.RESERVATIONS);
      var usage = writer.table(SnapshotTables.RESERVATION_USAGE);
      var blocks = writer.table(SnapshotTables.CAPACITY_BLOCKS);
      for (ReservationObservation o : listed) {
        ReservationRow row = reservationRow(o);
        reservations.append(row);
        if (row.usedInstanceCount() > 0 || row.inLendingPair()) {
          o.state().instanceUsages().forEach(u ->
              usage.append(UsageRow.ec2(row.reservationId(), u.accountId(), u.usedInstanceCount())));
        }
        if (row.capacityBlockId() != null) {
          blocksById.getOrDefault(row.capacityBlockId(), List.of()).forEach(b -> blocks.append(capacityBlockRow(b)));
        }
      }
      return new ScopeRow("ec2", 1, 1, reservations.rows());
    });
  }

  private static int writeOutposts(Warehouse warehouse, ScopeSnapshot scope, Fleet fleet, Instant t,
      List<Outpost> outposts) {
    return publish(warehouse, scope, writer -> {
      var capacity = writer.table(SnapshotTables.OUTPOST_CAPACITY);
      var instances = writer.table(SnapshotTables.OUTPOST_INSTANCES);
      var tasks = writer.table(SnapshotTables.CAPACITY_TASKS);
      for (Outpost outpost : outposts) {
        fleet.outpostAssets(t, outpost.id()).forEach(asset -> asset.instanceTypeCapacities().forEach(c ->
            capacity.append(new OutpostCapacityRow(outpost.id(), outpost.name(), outpost.ownerId(),
                outpost.availabilityZone(), "ACTIVE", asset.assetId(), asset.state(), c.instanceType(), c.count()))));
        fleet.assetInstances(t, outpost.id()).forEach(i -> instances.append(new OutpostInstanceRow(outpost.id(),
            i.assetId(), i.instanceId(), i.instanceType(), i.accountId(), i.awsServiceName())));
        fleet.capacityTasks(t, outpost.id()).forEach(task -> tasks.append(capacityTaskRow(task)));
      }
      return new ScopeRow("outposts", 1, 1, capacity.rows());
    });
  }

  private static int writeEcs(Warehouse warehouse, ScopeSnapshot scope, List<PrivatePool> pools) {
    return publish(warehouse, scope, writer -> {
      var reservations = writer.table(SnapshotTables.RESERVATIONS);
      var usage = writer.table(SnapshotTables.RESERVATION_USAGE);
      writer.table(SnapshotTables.POOL_INSTANCE_COUNTS);
      for (PrivatePool pool : pools) {
        for (AllocatedResource resource : pool.allocatedResources()) {
          reservations.append(poolRow(pool, resource));
          resource.usages().forEach(u -> usage.append(new UsageRow(pool.id(), u.accountId(), u.usedAmount(),
              resource.zoneId(), resource.instanceType(), u.serviceName())));
        }
      }
      return new ScopeRow("ecs", 1, 1, reservations.rows());
    });
  }

  private static int publish(Warehouse warehouse, ScopeSnapshot scope, Function<ScopeSnapshotWriter, ScopeRow> read) {
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(warehouse, scope)) {
      ScopeRow marker = read.apply(writer);
      writer.publish(marker);
      return marker.rows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + scope.scopeName() + " at " + scope.snapshotTime(), e);
    }
  }

  static ReservationRow reservationRow(ReservationObservation observation) {
    CapacityReservation r = observation.reservation();
    ReservationState s = observation.state();
    var lent = s.lending();
    return new ReservationRow(r.id(), r.arn(), r.ownerId(), r.reservationType(), r.instanceType(), r.platform(),
        r.availabilityZone(), "default", r.instanceMatchCriteria(), s.state(), s.totalInstanceCount(),
        s.availableInstanceCount(), r.createDate(), r.startDate(), r.endDate(), r.endDateType(),
        r.capacityBlockId(), r.billingOwnerId(), r.interruptible() ? Boolean.TRUE : null,
        r.interruptible() ? r.interruptionInfo().sourceReservationId() : null,
        lent == null ? null : lent.instanceCount(),
        lent == null ? null : lent.targetInstanceCount(),
        lent == null ? null : lent.status(),
        lent == null ? null : lent.interruptibleReservationId(),
        json(r.tags()), null, null, null, null);
  }

  private static ReservationRow poolRow(PrivatePool pool, AllocatedResource resource) {
    return new ReservationRow(pool.id(), null, pool.ownerId(), null, resource.instanceType(), pool.platform(),
        resource.zoneId(), null, pool.matchCriteria(), pool.status(), resource.totalAmount(),
        resource.availableAmount(), null, pool.startTime(), pool.endTime(), pool.endTimeType(),
        null, null, null, null, null, null, null, null, json(pool.tags()), pool.name(), pool.instanceChargeType(),
        pool.resourceGroupId(), resource.usedAmount());
  }

  private static CapacityBlockRow capacityBlockRow(CapacityBlock block) {
    return new CapacityBlockRow(block.id(), null, block.availabilityZone(), block.state(), block.createDate(),
        block.startDate(), block.endDate(), json(block.capacityReservationIds()), json(block.tags()));
  }

  private static CapacityTaskRow capacityTaskRow(CapacityTask task) {
    Map<String, Integer> pools = new LinkedHashMap<>();
    for (InstanceTypeCount pool : task.requestedInstancePools()) {
      pools.put(pool.instanceType(), pool.count());
    }
    return new CapacityTaskRow(task.id(), task.outpostId(), null, task.assetId(), task.status(), task.creationDate(),
        task.completionDate(), task.lastModifiedDate(), json(pools), null, null, false);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }
}
