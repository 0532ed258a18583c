package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Outposts capacity as reservation and usage rows, so that it flows through the same observation,
 * coverage and pricing steps as EC2. One reservation per scope snapshot, Outpost and instance type,
 * {@code <outpost-id>:<instance-type>}: total = the slots of that type on ACTIVE compute assets,
 * used = the instances of that type running (ListAssetInstances), per account by
 * instance_account_id. More instances than slots cannot be idle capacity: available floors at 0
 * and the running count is kept as reported_used_instance_count, which {@link Observation}
 * reports when it differs from total - available.
 */
final class OutpostCapacity {

  static final String PROVIDER = "outposts";
  static final String ACTIVE = "ACTIVE";

  /** One instance type of one Outpost as listed by one scope snapshot. */
  private static final List<String> TYPE_LISTING =
      List.of("provider", "account_id", "region", "snapshot_time", "run_id", "outpost_id", "instance_type");

  /** Rows in the RESERVATIONS_FOR_MARTS schema, one per listing of an Outpost's instance type. */
  static Dataset<Row> reservations(Dataset<Row> outpostCapacityDF, Dataset<Row> outpostInstancesDF) {
    Column activeAsset = coalesce(col("asset_state").equalTo(ACTIVE), lit(false));
    Dataset<Row> slotsDF = outpostCapacityDF
        .filter(col("instance_type").isNotNull())
        .groupBy(Cols.of(TYPE_LISTING))
        .agg(
            max(activeAsset).as("any_active"),
            sum(when(activeAsset, col("slot_count"))).as("active_slots"),
            sum(col("slot_count")).as("all_slots"),
            min(col("asset_state")).as("inactive_state"),
            max(col("owner_account_id")).as("owner_account_id"),
            max(col("availability_zone")).as("availability_zone"),
            max(col("outpost_name")).as("reservation_name"));
    // Slots of assets that are not ACTIVE count only for what Observation reports about them.
    Column total = when(col("any_active"), col("active_slots")).otherwise(col("all_slots")).cast("int");
    Dataset<Row> rowsDF = slotsDF
        .join(runningPerType(outpostInstancesDF), Cols.using(TYPE_LISTING), "left")
        .withColumn("running", coalesce(col("running"), lit(0L)).cast("int"))
        .withColumn("total_instance_count", total)
        .withColumn("available_instance_count", greatest(col("total_instance_count").minus(col("running")), lit(0)))
        .withColumn("reported_used_instance_count", col("running"))
        .withColumn("state", when(col("any_active"), lit(ACTIVE)).otherwise(col("inactive_state")))
        .withColumn("reservation_id", concat_ws(":", col("outpost_id"), col("instance_type")));
    return conform(rowsDF, SnapshotTables.RESERVATIONS_FOR_MARTS);
  }

  /** Rows in the RESERVATION_USAGE schema: instances per Outpost instance type and account. */
  static Dataset<Row> usage(Dataset<Row> outpostInstancesDF) {
    List<String> key = new ArrayList<>(TYPE_LISTING);
    key.add("instance_account_id");
    Dataset<Row> rowsDF = outpostInstancesDF
        .filter(col("instance_type").isNotNull().and(col("instance_account_id").isNotNull()))
        .groupBy(Cols.of(key))
        .agg(count(lit(1)).cast("int").as("used_instance_count"))
        .withColumn("reservation_id", concat_ws(":", col("outpost_id"), col("instance_type")))
        .withColumn("usage_account_id", col("instance_account_id"));
    return conform(rowsDF, SnapshotTables.RESERVATION_USAGE);
  }

  private static Dataset<Row> runningPerType(Dataset<Row> outpostInstancesDF) {
    return outpostInstancesDF
        .filter(col("instance_type").isNotNull())
        .groupBy(Cols.of(TYPE_LISTING))
        .agg(count(lit(1)).as("running"));
  }

  /** The columns of {@code schema}: the ones {@code df} has, null for the rest. */
  private static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
    List<String> present = List.of(df.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(present.contains(field.name())
          ? col(field.name()).cast(field.dataType()).as(field.name())
          : lit(null).cast(field.dataType()).as(field.name()));
    }
    return df.select(columns.toArray(Column[]::new));
  }

  private OutpostCapacity() {}
}
