package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The optional Alibaba cross-check (config {@code aliyun.count-pool-instances}): the instances
 * DescribeCapacityReservationInstances lists in a pool against the UsedAmount its allocated
 * resources report at the same scope snapshot. A difference is a {@code pool-instance-count-mismatch}
 * finding per pool and day; the counts the marts use (total - available) are not changed by it.
 */
final class PoolInstanceCounts {

  private static final List<String> POOL_AT_SNAPSHOT =
      List.of("provider", "account_id", "region", "snapshot_time", "run_id", "reservation_id");

  /**
   * @param reservationsDF trusted reservation rows as ingest wrote them (one per allocated resource, pool ids)
   * @param poolInstanceCountsDF trusted pool_instance_counts rows
   */
  static Dataset<Row> findings(Dataset<Row> reservationsDF, Dataset<Row> poolInstanceCountsDF, DayRange period) {
    Dataset<Row> reportedDF = reservationsDF
        .filter(col("provider").equalTo(PrivatePools.PROVIDER))
        .groupBy(Cols.of(POOL_AT_SNAPSHOT))
        .agg(sum(col("reported_used_instance_count")).as("reported_used"),
            first(col("owner_account_id"), true).as("owner_account_id"));
    Column mismatch = col("instance_count").isNull().or(col("reported_used").isNull())
        .or(col("instance_count").notEqual(col("reported_used")));
    return poolInstanceCountsDF
        .filter(col("snapshot_date").between(Date.valueOf(period.from()), Date.valueOf(period.to())))
        .join(reportedDF, Cols.using(POOL_AT_SNAPSHOT), "left")
        .filter(mismatch)
        .withColumn("finding", format_string(
            "DescribeCapacityReservationInstances lists %s instances in the pool but its UsedAmount sums to %s; "
                + "used counted as total - available",
            col("instance_count").cast("string"),
            col("reported_used").cast("string")))
        .groupBy(col("provider"), col("owner_account_id"), col("account_id"), col("region"), col("reservation_id"),
            col("snapshot_date"))
        .agg(count(lit(1)).as("observations"), min(col("snapshot_time")).as("first_time"),
            min_by(col("finding"), col("snapshot_time")).as("first_finding"))
        .select(
            col("provider"),
            coalesce(col("owner_account_id"), col("account_id")).as("account_id"),
            col("region"),
            col("reservation_id"),
            lit(DataQuality.POOL_INSTANCE_COUNT_MISMATCH).as("check"),
            format_string("%s (%d observation(s) from %s)", col("first_finding"), col("observations"),
                DataQuality.isoInstant(col("first_time"))).as("detail"),
            lit(null).cast(MartSchemas.HOURS).as("instance_hours"),
            col("snapshot_date").as("date"))
        .select(Cols.of(MartSchemas.DATA_QUALITY));
  }

  private PoolInstanceCounts() {}
}
