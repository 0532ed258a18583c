package dev.caplens.transform;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three marts of a period, each in its {@link MartSchemas} schema. When built by
 * {@link MartBuilder} they and the intermediate results they share (observations, their day
 * pieces, priced reservation-days) are cached; {@link #close()} releases them.
 */
public record Marts(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF,
    List<Dataset<Row>> sharedIntermediates) implements AutoCloseable {

  public Marts {
    sharedIntermediates = List.copyOf(sharedIntermediates);
  }

  /** Marts read back from a warehouse: nothing cached to release. */
  public static Marts of(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF) {
    return new Marts(reservationDailyDF, accountUsageDailyDF, dataQualityDF, List.of());
  }

  public Dataset<Row> get(MartTable table) {
    return switch (table) {
      case RESERVATION_DAILY -> reservationDailyDF;
      case ACCOUNT_USAGE_DAILY -> accountUsageDailyDF;
      case DATA_QUALITY -> dataQualityDF;
    };
  }

  @Override
  public void close() {
    sharedIntermediates.forEach(Dataset::unpersist);
  }
}
