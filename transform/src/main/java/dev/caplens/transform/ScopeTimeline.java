package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The successful snapshots of each scope (provider, account, region) in time order. Snapshot j
 * covers {@code [s_j, min(s_{j+1}, s_j + max_carry))}: after that nothing is known about the scope
 * until its next snapshot.
 */
final class ScopeTimeline {

  /**
   * One row per scope snapshot: provider, account_id, region, snapshot_time, snapshot_us,
   * next_snapshot_us (null for the last one read) and covered_until_us.
   */
  static Dataset<Row> of(Dataset<Row> scopesDF, TransformParams params) {
    WindowSpec scopeInTime = Window.partitionBy("provider", "account_id", "region").orderBy("snapshot_us");
    return scopesDF
        .select(col("provider"), col("account_id"), col("region"), col("snapshot_time"),
            unix_micros(col("snapshot_time")).as("snapshot_us"))
        .distinct()
        .withColumn("next_snapshot_us", lead(col("snapshot_us"), 1).over(scopeInTime))
        .withColumn("covered_until_us",
            least(col("next_snapshot_us"), col("snapshot_us").plus(lit(params.maxCarryMicros()))));
  }

  private ScopeTimeline() {}
}
