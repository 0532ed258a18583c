package dev.caplens.transform;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The mart tables transform writes (docs/warehouse.md, "Marts"). Every mart ends with its
 * partition column {@code date}; instance-hours and costs are {@code decimal(38,10)}, rates
 * {@code decimal(18,8)}.
 */
public final class MartSchemas {

  public static final DecimalType HOURS = DataTypes.createDecimalType(38, 10);
  public static final DecimalType COST = DataTypes.createDecimalType(38, 10);
  public static final DecimalType RATE = DataTypes.createDecimalType(18, 8);

  public static final StructType RESERVATION_DAILY = schema(
      field("provider", StringType),
      field("owner_account_id", StringType),
      field("billing_owner_account_id", StringType),
      field("reservation_id", StringType),
      field("reservation_kind", StringType),
      field("region", StringType),
      field("availability_zone", StringType),
      field("instance_type", StringType),
      field("platform", StringType),
      field("state", StringType),
      field("lendable", BooleanType),
      field("pricing_model", StringType),
      field("currency", StringType),
      field("hourly_rate", RATE),
      field("reserved_instance_hours", HOURS),
      field("used_instance_hours", HOURS),
      field("idle_instance_hours", HOURS),
      field("unobserved_hours", HOURS),
      field("lent_instance_hours", HOURS),
      field("borrowed_instance_hours", HOURS),
      field("reserved_cost", COST),
      field("used_cost", COST),
      field("idle_cost", COST),
      field("lending_savings", COST),
      field("date", DateType));

  public static final StructType ACCOUNT_USAGE_DAILY = schema(
      field("provider", StringType),
      field("reservation_id", StringType),
      field("owner_account_id", StringType),
      field("account_id", StringType),
      field("region", StringType),
      field("instance_type", StringType),
      field("currency", StringType),
      field("hourly_rate", RATE),
      field("used_instance_hours", HOURS),
      field("chargeback_cost", COST),
      field("date", DateType));

  public static final StructType DATA_QUALITY = schema(
      field("provider", StringType),
      field("account_id", StringType),
      field("region", StringType),
      field("reservation_id", StringType),
      field("check", StringType),
      field("detail", StringType),
      field("instance_hours", HOURS),
      field("date", DateType));

  public static final StructType RESERVATION_INTERVALS = schema(
      field("provider", StringType),
      field("reservation_id", StringType),
      field("owner_account_id", StringType),
      field("billing_owner_account_id", StringType),
      field("reservation_kind", StringType),
      field("region", StringType),
      field("availability_zone", StringType),
      field("instance_type", StringType),
      field("platform", StringType),
      field("state", StringType),
      field("billable", BooleanType),
      field("total_instance_count", IntegerType),
      field("available_instance_count", IntegerType),
      field("reserved_count", IntegerType),
      field("used_count", IntegerType),
      field("lent_count", IntegerType),
      field("borrowed_count", IntegerType),
      field("interval_start", TimestampType),
      field("interval_end", TimestampType),
      field("observations", IntegerType),
      field("hours", HOURS),
      field("reserved_instance_hours", HOURS),
      field("used_instance_hours", HOURS),
      field("date", DateType));

  public static final StructType CAPACITY_TASKS = schema(
      field("provider", StringType),
      field("account_id", StringType),
      field("region", StringType),
      field("capacity_task_id", StringType),
      field("outpost_id", StringType),
      field("status", StringType),
      field("requested_pools_json", StringType),
      field("creation_date", TimestampType),
      field("completion_date", TimestampType),
      field("duration_hours", HOURS),
      field("failure_type", StringType),
      field("failure_reason", StringType),
      field("observed_at", TimestampType),
      field("date", DateType));

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  private MartSchemas() {}
}
