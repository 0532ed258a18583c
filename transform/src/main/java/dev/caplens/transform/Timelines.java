package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs {@link ReservationTimeline} on every lending group: the listings and usage rows are shuffled
 * once, by provider and group, and each group's rows are handed to it together. One row per group
 * comes out, with the group's reservation-days, account-days, findings and intervals as arrays;
 * {@link #reservationDays}, {@link #accountDays}, {@link #findingDays} and {@link #intervals} read
 * them back as tables.
 */
final class Timelines {

  static final StructType SCOPE = schema(field("account_id", StringType), field("region", StringType));

  static final StructType RESERVATION_DAY = schema(
      field("provider", StringType), field("reservation_id", StringType), field("day", LongType),
      field("day_start_us", LongType), field("day_end_us", LongType),
      field("reserved_ius", LongType), field("used_ius", LongType), field("lent_ius", LongType),
      field("borrower_ius", LongType), field("borrowed_ius", LongType), field("has_interval", BooleanType),
      field("scopes", DataTypes.createArrayType(SCOPE)),
      field("owner_account_id", StringType), field("billing_owner_account_id", StringType),
      field("reservation_kind", StringType), field("region", StringType), field("availability_zone", StringType),
      field("instance_type", StringType), field("platform", StringType), field("state", StringType),
      field("lendable", BooleanType), field("pricing_model", StringType),
      field("start_us", LongType), field("end_us", LongType));

  static final StructType ACCOUNT_DAY = schema(
      field("provider", StringType), field("reservation_id", StringType), field("day", LongType),
      field("account_id", StringType), field("account_ius", LongType));

  static final StructType FINDING_DAY = schema(
      field("provider", StringType), field("account_id", StringType), field("region", StringType),
      field("reservation_id", StringType), field("day", LongType), field("check", StringType),
      field("ius", LongType), field("observations", LongType), field("first_us", LongType),
      field("first_detail", StringType));

  static final StructType INTERVAL = schema(
      field("provider", StringType), field("reservation_id", StringType), field("day", LongType),
      field("owner_account_id", StringType), field("billing_owner_account_id", StringType),
      field("reservation_kind", StringType), field("region", StringType), field("availability_zone", StringType),
      field("instance_type", StringType), field("platform", StringType), field("state", StringType),
      field("billable", BooleanType), field("total_instance_count", IntegerType),
      field("available_instance_count", IntegerType), field("reserved_count", IntegerType),
      field("used_count", LongType), field("lent_count", IntegerType), field("borrowed_count", IntegerType),
      field("start_us", LongType), field("end_us", LongType), field("observations", IntegerType));

  static final StructType GROUP = schema(
      field("reservation_days", DataTypes.createArrayType(RESERVATION_DAY)),
      field("account_days", DataTypes.createArrayType(ACCOUNT_DAY)),
      field("finding_days", DataTypes.createArrayType(FINDING_DAY)),
      field("intervals", DataTypes.createArrayType(INTERVAL)));

  /** Usage rows in the columns (and the order) {@link ReservationTimeline.Usage} is read from. */
  static Dataset<Row> usage(Dataset<Row> trustedUsageDF) {
    return trustedUsageDF
        .filter(col("used_instance_count").gt(0))
        .select(col("provider"), col("reservation_id"), col("account_id"), col("region"),
            unix_micros(col("snapshot_time")).as("observed_us"), col("usage_account_id"), col("used_instance_count"));
  }

  /**
   * One row per lending group ({@link #GROUP}); {@code listingsDF} as {@link Listings#of} and
   * {@code usageDF} as {@link #usage} leave them, each with group_id last ({@link LendingGroups}).
   */
  static Dataset<Row> of(Dataset<Row> listingsDF, Dataset<Row> usageDF, DayRange period, TransformParams params) {
    long firstDay = period.firstEpochDay();
    long lastDay = period.lastEpochDay();
    long maxCarry = params.maxCarryMicros();
    KeyValueGroupedDataset<Long, Row> listings = grouped(listingsDF);
    KeyValueGroupedDataset<Long, Row> usage = grouped(usageDF);
    CoGroupFunction<Long, Row, Row, Row> compute = (key, listingRows, usageRows) -> {
      List<Listing> groupListings = new ArrayList<>();
      listingRows.forEachRemaining(row -> groupListings.add(Listing.of(row)));
      List<ReservationTimeline.Usage> groupUsage = new ArrayList<>();
      usageRows.forEachRemaining(row -> groupUsage.add(new ReservationTimeline.Usage(row.getString(0), row.getString(1),
          row.getString(2), row.getString(3), row.getLong(4), row.getString(5), row.getInt(6))));
      if (groupListings.isEmpty()) {
        return List.<Row>of().iterator();
      }
      ReservationTimeline timeline = ReservationTimeline.of(groupListings, groupUsage, firstDay, lastDay, maxCarry);
      return List.of(rowOf(timeline)).iterator();
    };
    return listings.cogroup(usage, compute, Encoders.row(GROUP)).toDF();
  }

  /**
   * The rows by a 64-bit hash of provider and group_id (the first and the last column), computed
   * as a column so that only the timeline reads the rows as objects. Groups whose hashes collide
   * are handed over together, which changes nothing: the timeline keeps reservations and their
   * lending pairs apart by provider and id. A long key sorts on its prefix alone.
   */
  private static KeyValueGroupedDataset<Long, Row> grouped(Dataset<Row> rowsDF) {
    String[] columns = rowsDF.columns();
    return rowsDF.groupBy(xxhash64(col(columns[0]), col(columns[columns.length - 1])))
        .as(Encoders.LONG(), Encoders.row(rowsDF.schema()));
  }

  static Dataset<Row> reservationDays(Dataset<Row> timelinesDF) {
    return exploded(timelinesDF, "reservation_days");
  }

  static Dataset<Row> accountDays(Dataset<Row> timelinesDF) {
    return exploded(timelinesDF, "account_days");
  }

  static Dataset<Row> findingDays(Dataset<Row> timelinesDF) {
    return exploded(timelinesDF, "finding_days");
  }

  static Dataset<Row> intervals(Dataset<Row> timelinesDF) {
    return exploded(timelinesDF, "intervals");
  }

  /** One array's elements as rows, with their day as a date. */
  private static Dataset<Row> exploded(Dataset<Row> timelinesDF, String array) {
    return timelinesDF.select(explode(col(array)).as("element")).select("element.*")
        .withColumn("date", date_from_unix_date(col("day").cast("int")));
  }

  private static Row rowOf(ReservationTimeline timeline) {
    List<Row> days = new ArrayList<>();
    for (ReservationTimeline.ReservationDay day : timeline.reservationDays) {
      Listing latest = day.latest();
      List<Row> scopes = day.scopes().stream().map(scope -> RowFactory.create(scope.accountId(), scope.region())).toList();
      long dayStart = day.day() * DayRange.DAY_MICROS;
      days.add(RowFactory.create(latest.provider(), latest.reservationId(), day.day(), dayStart, dayStart + DayRange.DAY_MICROS,
          day.reservedIus(), day.usedIus(), day.lentIus(), day.borrowerIus(), day.borrowedIus(), day.hasInterval(),
          seq(scopes), latest.ownerAccountId(), latest.billingOwnerAccountId(), latest.reservationKind(),
          latest.region(), latest.availabilityZone(), latest.instanceType(), latest.platform(), latest.state(),
          latest.lendable(), latest.pricingModel(), latest.startUs(), latest.endUs()));
    }
    List<Row> accounts = timeline.accountDays.stream().map(account -> RowFactory.create(account.provider(),
        account.reservationId(), account.day(), account.accountId(), account.accountIus())).toList();
    List<Row> findings = timeline.findingDays.stream().map(finding -> RowFactory.create(finding.provider(),
        finding.accountId(), finding.region(), finding.reservationId(), finding.day(), finding.check(), finding.ius(),
        finding.observations(), finding.firstUs(), finding.firstDetail())).toList();
    List<Row> intervals = new ArrayList<>();
    for (ReservationTimeline.Interval interval : timeline.intervals) {
      Observation observation = interval.first().observation();
      Listing listing = observation.listing;
      intervals.add(RowFactory.create(listing.provider(), listing.reservationId(), interval.day(), listing.ownerAccountId(),
          listing.billingOwnerAccountId(), listing.reservationKind(), listing.region(), listing.availabilityZone(),
          listing.instanceType(), listing.platform(), listing.state(), listing.billable(),
          listing.totalInstanceCount(), listing.availableInstanceCount(), observation.reservedCount,
          observation.usedCount, observation.lentCount, observation.borrowedCount, interval.startUs(),
          interval.endUs(), interval.observations()));
    }
    return RowFactory.create(seq(days), seq(accounts), seq(findings), seq(intervals));
  }

  private static scala.collection.Seq<Row> seq(List<Row> rows) {
    return CollectionConverters.asScala(rows).toSeq();
  }

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  private Timelines() {}
}
