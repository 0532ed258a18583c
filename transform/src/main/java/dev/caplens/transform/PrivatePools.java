package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Alibaba private pools as report rows (DESIGN.md "Report files"). Ingest writes one reservations
 * row per allocated resource (zone x instance type), all with the pool id; a pool with one resource
 * keeps its pool id, a pool with several at an observation becomes one reservation per resource,
 * {@code <pool-id>:<zone>:<instance-type>}, and its CapacityReservationUsages follow the resource
 * they name. Rows of other providers pass through unchanged.
 */
final class PrivatePools {

  static final String PROVIDER = "aliyun";

  /** One pool as listed by one scope snapshot. */
  private static final List<String> POOL_LISTING =
      List.of("provider", "account_id", "region", "snapshot_time", "run_id", "reservation_id");

  /** Reservation rows, in the columns they come with, and the report id of each allocated resource. */
  static Dataset<Row> withResourceIds(Dataset<Row> reservationsDF) {
    // Only pools need counting; the window would otherwise shuffle every other provider's rows too.
    Dataset<Row> poolsDF = reservationsDF
        .filter(col("provider").equalTo(PROVIDER))
        .withColumn("pool_resources", size(collect_set(resourceKey()).over(Window.partitionBy(Cols.of(POOL_LISTING)))))
        .withColumn("reservation_id", resourceId(col("pool_resources")))
        .select(Cols.of(reservationsDF.schema()));
    return reservationsDF.filter(col("provider").notEqual(PROVIDER)).unionByName(poolsDF);
  }

  /**
   * Usage rows (RESERVATION_USAGE schema) keyed by the report id of the resource they belong to;
   * {@code reservationsDF} are the reservation rows as ingest wrote them (pool ids).
   */
  static Dataset<Row> usageWithResourceIds(Dataset<Row> usageDF, Dataset<Row> reservationsDF) {
    Dataset<Row> poolSizesDF = reservationsDF
        .filter(col("provider").equalTo(PROVIDER))
        .groupBy(Cols.of(POOL_LISTING))
        .agg(countDistinct(resourceKey()).as("pool_resources"));
    // Only pools' rows are joined: the join would otherwise shuffle every other provider's usage
    // rows, as many as the observations, by scope (docs/benchmarks.md, tenth pass).
    Dataset<Row> poolUsageDF = usageDF
        .filter(col("provider").equalTo(PROVIDER))
        .join(poolSizesDF, Cols.using(POOL_LISTING), "left")
        .withColumn("reservation_id", resourceId(coalesce(col("pool_resources"), lit(0L))))
        .select(Cols.of(usageDF.schema()));
    return usageDF.filter(col("provider").notEqual(PROVIDER)).unionByName(poolUsageDF);
  }

  /**
   * A resource is a zone x instance type: a pool listed twice (pages that overlap) is still one
   * resource, and stays under its pool id for duplicate-listing to report.
   */
  private static Column resourceKey() {
    return concat_ws(":", coalesce(col("availability_zone"), lit("")), coalesce(col("instance_type"), lit("")));
  }

  private static Column resourceId(Column poolResources) {
    return when(col("provider").equalTo(PROVIDER).and(poolResources.gt(1)),
        concat_ws(":", col("reservation_id"), coalesce(col("availability_zone"), lit("")),
            coalesce(col("instance_type"), lit(""))))
        .otherwise(col("reservation_id"));
  }

  private PrivatePools() {}
}
