package dev.caplens.transform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The three marts of a period, each in its {@link MartSchemas} schema. */
public record Marts(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF, Dataset<Row> dataQualityDF) {

  public Dataset<Row> get(MartTable table) {
    return switch (table) {
      case RESERVATION_DAILY -> reservationDailyDF;
      case ACCOUNT_USAGE_DAILY -> accountUsageDailyDF;
      case DATA_QUALITY -> dataQualityDF;
    };
  }
}
