package dev.caplens.transform;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The snapshot tables ingest writes, as Spark reads them (docs/warehouse.md). Every schema ends
 * with the Hive partition columns {@code provider} and {@code snapshot_date}, which come from the
 * directory names, not from the files.
 */
public final class SnapshotTables {

  public static final String SCOPES_TABLE = "scopes";
  public static final String RESERVATIONS_TABLE = "reservations";
  public static final String RESERVATION_USAGE_TABLE = "reservation_usage";
  public static final String OUTPOST_CAPACITY_TABLE = "outpost_capacity";
  public static final String OUTPOST_INSTANCES_TABLE = "outpost_instances";
  public static final String CAPACITY_TASKS_TABLE = "capacity_tasks";
  public static final String POOL_INSTANCE_COUNTS_TABLE = "pool_instance_counts";

  /** The columns that identify one scope snapshot; a table row is trusted when scopes has them. */
  public static final List<String> SCOPE_SNAPSHOT_KEY =
      List.of("provider", "account_id", "region", "snapshot_time", "run_id");

  public static final StructType SCOPES = table(
      required("source", StringType),
      optional("pages", IntegerType),
      optional("calls", IntegerType),
      optional("rows", IntegerType));

  public static final StructType RESERVATIONS = table(
      required("reservation_id", StringType),
      optional("reservation_arn", StringType),
      optional("owner_account_id", StringType),
      optional("reservation_type", StringType),
      optional("instance_type", StringType),
      optional("platform", StringType),
      optional("availability_zone", StringType),
      optional("tenancy", StringType),
      optional("instance_match_criteria", StringType),
      optional("state", StringType),
      optional("total_instance_count", IntegerType),
      optional("available_instance_count", IntegerType),
      optional("create_date", TimestampType),
      optional("start_date", TimestampType),
      optional("end_date", TimestampType),
      optional("end_date_type", StringType),
      optional("capacity_block_id", StringType),
      optional("billing_owner_account_id", StringType),
      optional("interruptible", BooleanType),
      optional("source_reservation_id", StringType),
      optional("lent_instance_count", IntegerType),
      optional("lent_target_instance_count", IntegerType),
      optional("lent_status", StringType),
      optional("lent_to_reservation_id", StringType),
      optional("tags_json", StringType),
      optional("reported_used_instance_count", IntegerType));

  /**
   * The reservations columns the marts read: every other one (ARN, tags, tenancy, the lending
   * target and status, capacity block id, ...) is for reports that read the snapshots themselves.
   * The transform keeps only these in memory; a mart that starts reading another column fails to
   * plan until it is added here.
   */
  public static final StructType RESERVATIONS_FOR_MARTS = without(RESERVATIONS, List.of("reservation_arn", "tenancy",
      "instance_match_criteria", "create_date", "end_date_type", "capacity_block_id", "lent_target_instance_count",
      "lent_status", "lent_to_reservation_id", "tags_json"));

  public static final StructType RESERVATION_USAGE = table(
      required("reservation_id", StringType),
      required("usage_account_id", StringType),
      optional("used_instance_count", IntegerType),
      optional("availability_zone", StringType),
      optional("instance_type", StringType));

  /** One row per Outposts compute asset x instance type (ListAssets InstanceTypeCapacities). */
  public static final StructType OUTPOST_CAPACITY = table(
      required("outpost_id", StringType),
      optional("outpost_name", StringType),
      optional("owner_account_id", StringType),
      optional("availability_zone", StringType),
      optional("outpost_life_cycle_status", StringType),
      required("asset_id", StringType),
      optional("asset_state", StringType),
      optional("instance_type", StringType),
      optional("slot_count", IntegerType));

  /** One row per instance running on an Outpost (ListAssetInstances). */
  public static final StructType OUTPOST_INSTANCES = table(
      required("outpost_id", StringType),
      optional("asset_id", StringType),
      optional("instance_id", StringType),
      optional("instance_type", StringType),
      optional("instance_account_id", StringType),
      optional("aws_service", StringType));

  /** One row per Outposts capacity task (ListCapacityTasks, GetCapacityTask). */
  public static final StructType CAPACITY_TASKS = table(
      required("capacity_task_id", StringType),
      optional("outpost_id", StringType),
      optional("status", StringType),
      optional("creation_date", TimestampType),
      optional("completion_date", TimestampType),
      optional("last_modified_date", TimestampType),
      optional("requested_pools_json", StringType),
      optional("failure_type", StringType),
      optional("failure_reason", StringType),
      optional("dry_run", BooleanType));

  /** Alibaba only: the instances DescribeCapacityReservationInstances lists per pool (aliyun.count-pool-instances). */
  public static final StructType POOL_INSTANCE_COUNTS = table(
      required("reservation_id", StringType),
      optional("instance_count", IntegerType));

  /** The schema of a table by its directory name under {@code snapshots/}. */
  public static StructType schema(String table) {
    return switch (table) {
      case SCOPES_TABLE -> SCOPES;
      case RESERVATIONS_TABLE -> RESERVATIONS;
      case RESERVATION_USAGE_TABLE -> RESERVATION_USAGE;
      case OUTPOST_CAPACITY_TABLE -> OUTPOST_CAPACITY;
      case OUTPOST_INSTANCES_TABLE -> OUTPOST_INSTANCES;
      case CAPACITY_TASKS_TABLE -> CAPACITY_TASKS;
      case POOL_INSTANCE_COUNTS_TABLE -> POOL_INSTANCE_COUNTS;
      default -> throw new IllegalArgumentException("unknown snapshot table '" + table + "'");
    };
  }

  private static StructType table(StructField... rowColumns) {
    List<StructField> fields = new ArrayList<>();
    fields.add(required("account_id", StringType));
    fields.add(required("region", StringType));
    fields.add(required("snapshot_time", TimestampType));
    fields.add(required("run_id", StringType));
    fields.addAll(List.of(rowColumns));
    fields.add(required("provider", StringType));
    fields.add(required("snapshot_date", DateType));
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static StructType without(StructType schema, List<String> names) {
    for (String name : names) {
      schema.apply(name); // an unknown name is a typo: fail here, not with a silently wider schema
    }
    return new StructType(Arrays.stream(schema.fields())
        .filter(field -> !names.contains(field.name())).toArray(StructField[]::new));
  }

  private static StructField required(String name, DataType type) {
    return new StructField(name, type, false, Metadata.empty());
  }

  private static StructField optional(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  private SnapshotTables() {}
}
