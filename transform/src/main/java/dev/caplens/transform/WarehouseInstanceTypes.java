package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The instance types a warehouse's snapshots hold reservations of and that are billed at the
 * on-demand rate (ODCRs, interruptible reservations, Alibaba private pools), for
 * {@code caplens prices}. Capacity blocks and Outposts have their own pricing models and are left
 * out. Only rows of published scope snapshots count.
 */
public final class WarehouseInstanceTypes {

  /** One instance type on one platform in one region, as the snapshots spell them. */
  public record InstanceType(String region, String instanceType, String platform) {}

  /** Distinct region, instance_type, platform of the provider's on-demand-priced reservations. */
  static Dataset<Row> onDemand(Dataset<Row> reservationsDF, Dataset<Row> scopesDF, String provider) {
    return TrustedSnapshots.trusted(reservationsDF.filter(col("provider").equalTo(provider)), scopesDF)
        .filter(ReservationRules.pricingModel(ReservationRules.reservationKind()).equalTo(ReservationRules.ON_DEMAND_PRICING))
        .filter(col("instance_type").isNotNull().and(col("platform").isNotNull()))
        .select("region", "instance_type", "platform")
        .distinct()
        .orderBy("region", "instance_type", "platform");
  }

  /** Reads every snapshot day of the provider; an empty list when it has none. */
  public static List<InstanceType> read(SparkSession spark, String warehouse, String provider) {
    WarehousePaths paths = WarehousePaths.open(warehouse, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> reservationsDF = table(spark, paths, SnapshotTables.RESERVATIONS_TABLE);
    Dataset<Row> scopesDF = table(spark, paths, SnapshotTables.SCOPES_TABLE);
    if (reservationsDF == null || scopesDF == null) {
      return List.of();
    }
    return onDemand(reservationsDF, scopesDF, provider).collectAsList().stream()
        .map(row -> new InstanceType(row.getString(0), row.getString(1), row.getString(2)))
        .toList();
  }

  private static Dataset<Row> table(SparkSession spark, WarehousePaths paths, String table) {
    Path root = paths.snapshotTable(table);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return null;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
    }
    return spark.read().schema(SnapshotTables.schema(table)).parquet(root.toString())
        .select(Cols.of(SnapshotTables.schema(table)));
  }

  private WarehouseInstanceTypes() {}
}
