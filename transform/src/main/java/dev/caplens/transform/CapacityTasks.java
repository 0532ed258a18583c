package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.hoursOf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The {@code capacity_tasks} mart: per day, each Outposts capacity task a snapshot of that day
 * listed while it was active (created before the day ended, not completed before it began), as
 * its day's latest observation showed it. Dry runs change no capacity and are left out. A
 * period's latest state of a task is its row on the last day that has one
 * ({@link ReportQueries#capacityTasks}).
 */
final class CapacityTasks {

  static Dataset<Row> of(Dataset<Row> trustedCapacityTasksDF, DayRange period) {
    Column dayStart = unix_micros(col("snapshot_date").cast("timestamp"));
    Column dayEnd = dayStart.plus(lit(DayRange.DAY_MICROS));
    Column activeThatDay = coalesce(unix_micros(col("creation_date")).lt(dayEnd), lit(true))
        .and(coalesce(unix_micros(col("completion_date")).geq(dayStart), lit(true)));
    Column latestFirst = row_number().over(Window.partitionBy("provider", "capacity_task_id", "snapshot_date")
        .orderBy(col("snapshot_time").desc(), col("account_id"), col("region")));
    return trustedCapacityTasksDF
        .filter(col("snapshot_date").between(Date.valueOf(period.from()), Date.valueOf(period.to())))
        .filter(coalesce(col("dry_run"), lit(false)).equalTo(false))
        .filter(activeThatDay)
        .withColumn("latest_rank", latestFirst)
        .filter(col("latest_rank").equalTo(1))
        .withColumn("duration_hours", when(col("completion_date").isNotNull().and(col("creation_date").isNotNull()),
            hoursOf(unix_micros(col("completion_date")).minus(unix_micros(col("creation_date"))))))
        .withColumn("observed_at", col("snapshot_time"))
        .withColumn("date", col("snapshot_date"))
        .select(Cols.of(MartSchemas.CAPACITY_TASKS));
  }

  private CapacityTasks() {}
}
