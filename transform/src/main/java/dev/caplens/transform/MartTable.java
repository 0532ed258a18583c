package dev.caplens.transform;

import org.apache.spark.sql.types.StructType;

/** The marts under {@code WAREHOUSE/marts/}, each partitioned by {@code date}. */
public enum MartTable {
  RESERVATION_DAILY("reservation_daily", MartSchemas.RESERVATION_DAILY),
  ACCOUNT_USAGE_DAILY("account_usage_daily", MartSchemas.ACCOUNT_USAGE_DAILY),
  DATA_QUALITY("data_quality", MartSchemas.DATA_QUALITY),
  CAPACITY_TASKS("capacity_tasks", MartSchemas.CAPACITY_TASKS),
  RESERVATION_INTERVALS("reservation_intervals", MartSchemas.RESERVATION_INTERVALS);

  public static final String PARTITION_COLUMN = "date";

  private final String tableName;
  private final StructType schema;

  MartTable(String tableName, StructType schema) {
    this.tableName = tableName;
    this.schema = schema;
  }

  /** The directory name under {@code marts/}. */
  public String tableName() {
    return tableName;
  }

  public StructType schema() {
    return schema;
  }

  public static MartTable named(String tableName) {
    for (MartTable table : values()) {
      if (table.tableName.equals(tableName)) {
        return table;
      }
    }
    throw new IllegalArgumentException("unknown mart '" + tableName + "'; known: reservation_daily, "
        + "account_usage_daily, data_quality, capacity_tasks, reservation_intervals");
  }
}
