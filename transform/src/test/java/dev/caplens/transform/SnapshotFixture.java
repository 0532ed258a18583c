package dev.caplens.transform;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Hand-built snapshot rows, shaped as ingest writes them and the reader returns them:
 * {@code fixture.scope("111111111111", "us-east-1").at("2026-11-20T00:00:00Z").lists(cr1).usage(...)}.
 */
final class SnapshotFixture {

  private final List<Row> scopes = new ArrayList<>();
  private final List<Row> reservations = new ArrayList<>();
  private final List<Row> usage = new ArrayList<>();
  private final List<Row> outpostCapacity = new ArrayList<>();
  private final List<Row> outpostInstances = new ArrayList<>();
  private final List<Row> capacityTasks = new ArrayList<>();
  private final List<Row> poolInstanceCounts = new ArrayList<>();

  /** An EC2 scope (provider aws, source ec2). */
  Scope scope(String accountId, String region) {
    return new Scope("aws", accountId, region);
  }

  /** An Outposts scope (provider outposts, source outposts). */
  Scope outpostsScope(String accountId, String region) {
    return new Scope("outposts", accountId, region);
  }

  /** An Alibaba ECS scope (provider aliyun, source ecs). */
  Scope aliyunScope(String accountId, String region) {
    return new Scope("aliyun", accountId, region);
  }

  SnapshotInputs inputs() {
    SparkSession spark = TestSpark.spark();
    return new SnapshotInputs(
        frame(spark, scopes, SnapshotTables.SCOPES),
        frame(spark, reservations, SnapshotTables.RESERVATIONS),
        frame(spark, usage, SnapshotTables.RESERVATION_USAGE),
        frame(spark, outpostCapacity, SnapshotTables.OUTPOST_CAPACITY),
        frame(spark, outpostInstances, SnapshotTables.OUTPOST_INSTANCES),
        frame(spark, capacityTasks, SnapshotTables.CAPACITY_TASKS),
        frame(spark, poolInstanceCounts, SnapshotTables.POOL_INSTANCE_COUNTS));
  }

  private static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }

  static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }

  /** {@code count} instants an hour apart from {@code first}. */
  static List<String> hourly(String first, int count) {
    List<String> instants = new ArrayList<>();
    for (int h = 0; h < count; h++) {
      instants.add(at(first).plusSeconds(3600L * h).toString());
    }
    return instants;
  }

  /** One account x region of a provider. */
  final class Scope {
    final String provider;
    final String accountId;
    final String region;

    private Scope(String provider, String accountId, String region) {
      this.provider = provider;
      this.accountId = accountId;
      this.region = region;
    }

    /** A published snapshot of this scope at an instant. */
    Snapshot at(String isoInstant) {
      Snapshot snapshot = new Snapshot(this, SnapshotFixture.at(isoInstant), "run-" + isoInstant);
      String source = switch (provider) {
        case "outposts" -> "outposts";
        case "aliyun" -> "ecs";
        default -> "ec2";
      };
      scopes.add(row(SnapshotTables.SCOPES, snapshot.scopeColumns(Map.of("source", source, "pages", 1, "calls", 1))));
      return snapshot;
    }

    /** Files of a run that died before publishing its scopes row: readers must not see them. */
    Snapshot unpublishedAt(String isoInstant, String runId) {
      return new Snapshot(this, SnapshotFixture.at(isoInstant), runId);
    }
  }

  /** The rows one scope snapshot lists. */
  final class Snapshot {
    private final Scope scope;
    private final Instant time;
    private final String runId;

    private Snapshot(Scope scope, Instant time, String runId) {
      this.scope = scope;
      this.time = time;
      this.runId = runId;
    }

    Snapshot lists(Res reservation) {
      reservations.add(row(SnapshotTables.RESERVATIONS, scopeColumns(reservation.values())));
      return this;
    }

    Snapshot usage(String reservationId, String usageAccountId, int usedInstanceCount) {
      usage.add(row(SnapshotTables.RESERVATION_USAGE, scopeColumns(Map.of("reservation_id", reservationId,
          "usage_account_id", usageAccountId, "used_instance_count", usedInstanceCount))));
      return this;
    }

    /** Alibaba DescribeCapacityReservationInstances: how many instances the pool lists. */
    Snapshot poolInstances(String poolId, int instanceCount) {
      poolInstanceCounts.add(row(SnapshotTables.POOL_INSTANCE_COUNTS, scopeColumns(Map.of("reservation_id", poolId,
          "instance_count", instanceCount))));
      return this;
    }

    /** Alibaba CapacityReservationUsages of one allocated resource of a pool. */
    Snapshot resourceUsage(String poolId, String zone, String instanceType, String usageAccountId, int used) {
      usage.add(row(SnapshotTables.RESERVATION_USAGE, scopeColumns(Map.of("reservation_id", poolId,
          "usage_account_id", usageAccountId, "used_instance_count", used, "availability_zone", zone,
          "instance_type", instanceType))));
      return this;
    }

    /** One ListAssets InstanceTypeCapacities entry of a compute asset of an Outpost. */
    Snapshot slots(String outpostId, String ownerAccountId, String assetId, String assetState, String instanceType,
        int slotCount) {
      Map<String, Object> values = new HashMap<>();
      values.put("outpost_id", outpostId);
      values.put("outpost_name", "site-" + outpostId);
      values.put("owner_account_id", ownerAccountId);
      values.put("availability_zone", "us-east-1a");
      values.put("outpost_life_cycle_status", "ACTIVE");
      values.put("asset_id", assetId);
      values.put("asset_state", assetState);
      values.put("instance_type", instanceType);
      values.put("slot_count", slotCount);
      outpostCapacity.add(row(SnapshotTables.OUTPOST_CAPACITY, scopeColumns(values)));
      return this;
    }

    /** {@code count} ListAssetInstances entries of one account and instance type on an Outpost. */
    Snapshot instances(String outpostId, String instanceType, String instanceAccountId, int count) {
      for (int i = 0; i < count; i++) {
        Map<String, Object> values = new HashMap<>();
        values.put("outpost_id", outpostId);
        values.put("asset_id", "1100000001");
        values.put("instance_id", "i-" + instanceType + "-" + instanceAccountId + "-" + i);
        values.put("instance_type", instanceType);
        values.put("instance_account_id", instanceAccountId);
        values.put("aws_service", "EC2");
        outpostInstances.add(row(SnapshotTables.OUTPOST_INSTANCES, scopeColumns(values)));
      }
      return this;
    }

    /** A capacity task as ListCapacityTasks / GetCapacityTask show it; null dates are left out. */
    Snapshot task(String taskId, String outpostId, String status, String created, String completed,
        boolean dryRun) {
      Map<String, Object> values = new HashMap<>();
      values.put("capacity_task_id", taskId);
      values.put("outpost_id", outpostId);
      values.put("status", status);
      values.put("requested_pools_json", "{\"m5.xlarge\":8,\"c5.2xlarge\":4}");
      values.put("creation_date", Timestamp.from(SnapshotFixture.at(created)));
      if (completed != null) {
        values.put("completion_date", Timestamp.from(SnapshotFixture.at(completed)));
      }
      values.put("dry_run", dryRun);
      capacityTasks.add(row(SnapshotTables.CAPACITY_TASKS, scopeColumns(values)));
      return this;
    }

    private Map<String, Object> scopeColumns(Map<String, Object> rowColumns) {
      Map<String, Object> values = new HashMap<>(rowColumns);
      values.put("account_id", scope.accountId);
      values.put("region", scope.region);
      values.put("snapshot_time", Timestamp.from(time));
      values.put("run_id", runId);
      values.put("provider", scope.provider);
      values.put("snapshot_date", Date.valueOf(LocalDate.ofInstant(time, ZoneOffset.UTC)));
      return values;
    }
  }

  private static Row row(StructType schema, Map<String, Object> values) {
    Object[] cells = new Object[schema.fields().length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = values.get(schema.fields()[i].name());
    }
    return RowFactory.create(cells);
  }

  /** A reservation as DescribeCapacityReservations returns it; every change makes a copy. */
  static final class Res {
    private final Map<String, Object> values;

    private Res(Map<String, Object> values) {
      this.values = values;
    }

    /** An active Linux m5.large ODCR in us-east-1a. */
    static Res odcr(String reservationId, String ownerAccountId) {
      Map<String, Object> values = new HashMap<>();
      values.put("reservation_id", reservationId);
      values.put("owner_account_id", ownerAccountId);
      values.put("reservation_type", "default");
      values.put("instance_type", "m5.large");
      values.put("platform", "Linux/UNIX");
      values.put("availability_zone", "us-east-1a");
      values.put("tenancy", "default");
      values.put("state", "active");
      values.put("total_instance_count", 0);
      values.put("available_instance_count", 0);
      values.put("end_date_type", "unlimited");
      values.put("interruptible", false);
      return new Res(values);
    }

    /** One allocated resource of an Active, unlimited Alibaba private pool (linux, Open). */
    static Res pool(String poolId, String ownerAccountId, String zone, String instanceType) {
      Map<String, Object> values = new HashMap<>();
      values.put("reservation_id", poolId);
      values.put("owner_account_id", ownerAccountId);
      values.put("instance_type", instanceType);
      values.put("platform", "linux");
      values.put("availability_zone", zone);
      values.put("instance_match_criteria", "Open");
      values.put("state", "Active");
      values.put("total_instance_count", 0);
      values.put("available_instance_count", 0);
      values.put("end_date_type", "Unlimited");
      return new Res(values);
    }

    /** Total, used (UsedAmount) and available amounts of an allocated resource. */
    Res amounts(int total, int used, int available) {
      return counts(total, available).with("reported_used_instance_count", used);
    }

    Res with(String column, Object value) {
      Map<String, Object> copy = new HashMap<>(values);
      copy.put(column, value);
      return new Res(copy);
    }

    Res counts(int total, int available) {
      return with("total_instance_count", total).with("available_instance_count", available);
    }

    Res state(String state) {
      return with("state", state);
    }

    Res instanceType(String instanceType) {
      return with("instance_type", instanceType);
    }

    Res start(String isoInstant) {
      return with("start_date", Timestamp.from(at(isoInstant)));
    }

    Res end(String isoInstant) {
      return with("end_date", Timestamp.from(at(isoInstant))).with("end_date_type", "limited");
    }

    Res billingOwner(String accountId) {
      return with("billing_owner_account_id", accountId);
    }

    Res capacityBlock(String capacityBlockId) {
      return with("reservation_type", "capacity-block").with("capacity_block_id", capacityBlockId);
    }

    Res lends(int instanceCount, String interruptibleReservationId) {
      return with("lent_instance_count", instanceCount).with("lent_target_instance_count", instanceCount)
          .with("lent_status", "active").with("lent_to_reservation_id", interruptibleReservationId);
    }

    Res borrowsFrom(String sourceReservationId) {
      return with("interruptible", true).with("source_reservation_id", sourceReservationId);
    }

    private Map<String, Object> values() {
      return values;
    }
  }
}
