package dev.caplens.transform;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * The marts of a period, each in its {@link MartSchemas} schema. When built by
 * {@link MartBuilder} they and the intermediate results they share (observations, their day
 * pieces, priced reservation-days) are computed once and kept; {@link #close()} releases them.
 */
public record Marts(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF,
    Dataset<Row> capacityTasksDF, Dataset<Row> reservationIntervalsDF, List<Dataset<Row>> sharedIntermediates) implements AutoCloseable {

  public Marts {
    sharedIntermediates = List.copyOf(sharedIntermediates);
  }

  /** Marts read back from a warehouse: nothing cached to release. */
  public static Marts of(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF,
      Dataset<Row> capacityTasksDF, Dataset<Row> reservationIntervalsDF) {
    return new Marts(reservationDailyDF, accountUsageDailyDF, dataQualityDF, capacityTasksDF, reservationIntervalsDF,
        List.of());
  }

  /** The same without capacity tasks (no Outposts) and intervals. */
  public static Marts of(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF) {
    var spark = reservationDailyDF.sparkSession();
    return of(reservationDailyDF, accountUsageDailyDF, dataQualityDF,
        spark.createDataFrame(List.of(), MartSchemas.CAPACITY_TASKS),
        spark.createDataFrame(List.of(), MartSchemas.RESERVATION_INTERVALS));
  }

  public Dataset<Row> get(MartTable table) {
    return switch (table) {
      case RESERVATION_DAILY -> reservationDailyDF;
      case ACCOUNT_USAGE_DAILY -> accountUsageDailyDF;
      case DATA_QUALITY -> dataQualityDF;
      case CAPACITY_TASKS -> capacityTasksDF;
      case RESERVATION_INTERVALS -> reservationIntervalsDF;
    };
  }

  @Override
  public void close() {
    sharedIntermediates.forEach(Marts::release);
  }

  /** A locally checkpointed result's blocks, or a cached one's. */
  private static void release(Dataset<Row> df) {
    if (df.queryExecution().logical() instanceof LogicalRDD checkpoint) {
      checkpoint.rdd().unpersist(false);
    } else {
      df.unpersist();
    }
  }
}
