package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * An Alibaba private pool is one reservation, but each of its allocated resources (zone x
 * instance type) has its own total, used and available amounts and usage. A pool observed with
 * several resources is therefore counted as one reservation per resource, with id
 * {@code <pool-id>:<zone>:<instance-type>} (DESIGN.md "Report files"); a pool with one resource
 * keeps its pool id. EC2 and Outposts rows pass through unchanged.
 */
final class AllocatedResources {

  static final String ALIYUN = "aliyun";
  private static final List<String> POOL_OBSERVATION =
      List.of("provider", "account_id", "region", "snapshot_time", "reservation_id");

  private AllocatedResources() {}

  /** Reservation rows with resource-level ids for multi-resource pools. */
  static Dataset<Row> reservations(Dataset<Row> reservationsDF) {
    WindowSpec pool = Window.partitionBy(Cols.of(POOL_OBSERVATION));
    Column severalResources = col("provider").equalTo(ALIYUN).and(count(lit(1)).over(pool).gt(1));
    return reservationsDF
        .withColumn("reservation_id", when(severalResources, resourceId()).otherwise(col("reservation_id")))
        .select(Cols.of(List.of(reservationsDF.columns())));
  }

  /** Usage rows of multi-resource pools take the id of the resource they name (zone and instance type). */
  static Dataset<Row> usage(Dataset<Row> usageDF, Dataset<Row> reservationsDF) {
    Dataset<Row> multiResourcePoolsDF = reservationsDF
        .filter(col("provider").equalTo(ALIYUN))
        .groupBy(Cols.of(POOL_OBSERVATION))
        .agg(count(lit(1)).as("resources"))
        .filter(col("resources").gt(1))
        .select(Cols.of(POOL_OBSERVATION))
        .withColumn("several_resources", lit(true));
    return usageDF
        .join(multiResourcePoolsDF, Cols.using(POOL_OBSERVATION), "left")
        .withColumn("reservation_id",
            when(col("several_resources"), resourceId()).otherwise(col("reservation_id")))
        .select(Cols.of(List.of(usageDF.columns())));
  }

  private static Column resourceId() {
    return concat_ws(":", col("reservation_id"), col("availability_zone"), col("instance_type"));
  }
}
