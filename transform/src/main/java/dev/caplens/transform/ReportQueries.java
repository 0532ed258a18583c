package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.ratioOf;
import static dev.caplens.transform.ExactUnits.zero;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The report tables (DESIGN.md "Report files") as queries over the marts of a period, each in
 * the file's column order and row order. Sums over days are exact: every daily value is a
 * {@code decimal(38,10)} already rounded once.
 */
public final class ReportQueries {

  public static final List<String> RESERVATIONS_COLUMNS = List.of(
      "provider", "owner_account_id", "reservation_id", "reservation_kind", "region", "availability_zone",
      "instance_type", "platform", "state", "reserved_instance_hours", "used_instance_hours",
      "idle_instance_hours", "unobserved_hours", "utilisation", "hourly_rate", "currency", "reserved_cost",
      "used_cost", "idle_cost", "lent_instance_hours", "borrowed_instance_hours", "lending_savings");

  public static final List<String> ACCOUNT_MEASURES = List.of(
      "owned_reserved_instance_hours", "owned_used_instance_hours", "owned_idle_instance_hours",
      "consumed_instance_hours", "utilisation", "reserved_cost", "idle_cost", "chargeback_cost",
      "lending_savings", "lendable_idle_cost", "unpriced_instance_hours");

  public static final List<String> ACCOUNTS_COLUMNS = concat(List.of("provider", "account_id", "currency"), ACCOUNT_MEASURES);

  public static final List<String> DAILY_COLUMNS = concat(List.of("date", "provider", "account_id", "currency"), ACCOUNT_MEASURES);

  public static final List<String> CAPACITY_TASKS_COLUMNS = List.of("provider", "account_id", "region",
      "capacity_task_id", "outpost_id", "status", "requested_pools_json", "creation_date", "completion_date",
      "duration_hours", "failure_type", "failure_reason", "observed_at");

  public static final List<String> DATA_QUALITY_COLUMNS = List.of(
      "date", "provider", "account_id", "region", "reservation_id", "check", "instance_hours", "detail");

  /** focus.csv: FOCUS 1.2 column names for capacity-reservation usage charges. */
  public static final List<String> FOCUS_COLUMNS = List.of(
      "BillingAccountId", "SubAccountId", "ProviderName", "PublisherName", "InvoiceIssuerName", "ServiceName",
      "ServiceCategory", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeFrequency",
      "ChargeDescription", "ResourceId", "ResourceType", "RegionId", "AvailabilityZone", "CapacityReservationId",
      "CapacityReservationStatus", "PricingCategory", "PricingQuantity", "PricingUnit", "ConsumedQuantity",
      "ConsumedUnit", "ListUnitPrice", "ListCost", "ContractedUnitPrice", "ContractedCost", "EffectiveCost",
      "BilledCost", "BillingCurrency");

  /** The capacity blocks the summary lists as starting or ending near the period end. */
  public static final List<String> CAPACITY_BLOCK_COLUMNS = List.of("provider", "owner_account_id",
      "reservation_id", "capacity_block_id", "region", "availability_zone", "instance_type",
      "total_instance_count", "state", "start_date", "end_date");

  private static final List<String> HOUR_SUMS = List.of("reserved_instance_hours", "used_instance_hours",
      "idle_instance_hours", "unobserved_hours", "lent_instance_hours", "borrowed_instance_hours");
  private static final List<String> COST_SUMS = List.of("reserved_cost", "used_cost", "idle_cost", "lending_savings");
  private static final List<String> ACCOUNT_HOURS = List.of("owned_reserved_instance_hours",
      "owned_used_instance_hours", "owned_idle_instance_hours", "consumed_instance_hours", "unpriced_instance_hours");
  private static final List<String> ACCOUNT_COSTS = List.of("reserved_cost", "idle_cost", "chargeback_cost",
      "lending_savings", "lendable_idle_cost");

  /**
   * reservations.csv: one row per reservation over the period. Attributes and state are those of
   * its last day; a cost is empty when any day of it was unpriced.
   */
  public static Dataset<Row> reservations(Dataset<Row> reservationDailyDF) {
    Preconditions.requireColumns(reservationDailyDF, MartSchemas.RESERVATION_DAILY, "reservation_daily");
    Column lastDay = max_by(struct(col("owner_account_id"), col("reservation_kind"), col("region"),
        col("availability_zone"), col("instance_type"), col("platform"), col("state"), col("hourly_rate"),
        col("currency")), col("date"));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(lastDay.as("last_day"));
    HOUR_SUMS.forEach(c -> aggregates.add(sum(c).as(c)));
    COST_SUMS.forEach(c -> aggregates.add(sumUnlessAnyUnknown(c).as(c)));
    return reservationDailyDF
        .groupBy("provider", "reservation_id")
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .select(col("*"), col("last_day.*"))
        .withColumn("utilisation", ratioOf(col("used_instance_hours"), col("reserved_instance_hours")))
        .select(Cols.of(RESERVATIONS_COLUMNS))
        .orderBy("provider", "owner_account_id", "reservation_id");
  }

  /**
   * accounts.csv: per provider, account and currency. owned_*, utilisation, reserved_cost,
   * lending_savings, lendable_idle_cost and unpriced_instance_hours are about the reservations the
   * account owns, idle_cost about those it is the billing owner of, consumed hours and
   * chargeback_cost about what it ran. Unpriced reservations make up the row with no currency.
   */
  public static Dataset<Row> accounts(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF) {
    return accountMeasures(reservationDailyDF, accountUsageDailyDF, List.of())
        .select(Cols.of(ACCOUNTS_COLUMNS))
        .orderBy(col("provider"), col("account_id"), col("currency").asc_nulls_last());
  }

  /** daily.csv: the accounts.csv measures per date, provider, account and currency. */
  public static Dataset<Row> daily(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF) {
    return accountMeasures(reservationDailyDF, accountUsageDailyDF, List.of("date"))
        .select(Cols.of(DAILY_COLUMNS))
        .orderBy(col("date"), col("provider"), col("account_id"), col("currency").asc_nulls_last());
  }

  /**
   * capacity_tasks.csv: each Outposts capacity task active in the period, as last observed
   * (its row on the latest day that has one).
   */
  public static Dataset<Row> capacityTasks(Dataset<Row> capacityTasksDF) {
    Preconditions.requireColumns(capacityTasksDF, MartSchemas.CAPACITY_TASKS, "capacity_tasks");
    return capacityTasksDF
        .withColumn("latest_rank", row_number().over(Window.partitionBy("provider", "capacity_task_id")
            .orderBy(col("observed_at").desc(), col("date").desc())))
        .filter(col("latest_rank").equalTo(1))
        .select(Cols.of(CAPACITY_TASKS_COLUMNS))
        .orderBy("provider", "account_id", "outpost_id", "capacity_task_id");
  }

  /** data_quality.csv: every finding of the period. */
  public static Dataset<Row> dataQuality(Dataset<Row> dataQualityDF) {
    Preconditions.requireColumns(dataQualityDF, MartSchemas.DATA_QUALITY, "data_quality");
    return dataQualityDF
        .select(Cols.of(DATA_QUALITY_COLUMNS))
        .orderBy("provider", "account_id", "reservation_id", "date", "check", "detail");
  }

  /**
   * focus.csv: per reservation and day, one {@code Used} row (used hours and used cost) and one
   * {@code Unused} row (idle hours and idle cost), each only when its hours are non-zero, so the
   * EffectiveCost of all rows sums to reserved_cost. Interruptible reservations have no rows: their
   * capacity and cost are their source's. The Used part is billed to the owner, the Unused part to
   * the billing owner (UnusedReservationBillingOwnerId). Capacity blocks are paid up front and
   * Outposts by contract, so their daily BilledCost is 0 and EffectiveCost is the amortised share;
   * on-demand reservations are billed as they run. An unpriced reservation keeps its rows with
   * empty costs.
   */
  public static Dataset<Row> focus(Dataset<Row> reservationDailyDF) {
    Preconditions.requireColumns(reservationDailyDF, MartSchemas.RESERVATION_DAILY, "reservation_daily");
    Dataset<Row> used = focusRows(reservationDailyDF, "Used", col("owner_account_id"),
        col("used_instance_hours"), col("used_cost"));
    Dataset<Row> unused = focusRows(reservationDailyDF, "Unused", col("billing_owner_account_id"),
        col("idle_instance_hours"), col("idle_cost"));
    return used.unionByName(unused)
        .orderBy(col("provider"), col("SubAccountId"), col("CapacityReservationId"), col("ChargePeriodStart"),
            col("CapacityReservationStatus").desc())
        .select(Cols.of(FOCUS_COLUMNS));
  }

  private static Dataset<Row> focusRows(Dataset<Row> reservationDailyDF, String status, Column billingAccount,
      Column instanceHours, Column cost) {
    Column provider = col("provider");
    Column kind = col("reservation_kind");
    Column providerName = when(provider.equalTo("aliyun"), lit("Alibaba Cloud")).otherwise(lit("AWS"));
    Column upFront = col("pricing_model").isin(ReservationRules.CAPACITY_BLOCK_PRICING,
        ReservationRules.OUTPOST_PRICING);
    return reservationDailyDF
        .filter(instanceHours.isNotNull().and(instanceHours.notEqual(zero())))
        .select(
            provider,
            billingAccount.as("BillingAccountId"),
            col("owner_account_id").as("SubAccountId"),
            providerName.as("ProviderName"),
            providerName.as("PublisherName"),
            providerName.as("InvoiceIssuerName"),
            when(provider.equalTo("aliyun"), lit("Elastic Compute Service"))
                .when(provider.equalTo("outposts"), lit("AWS Outposts"))
                .otherwise(lit("Amazon Elastic Compute Cloud")).as("ServiceName"),
            lit("Compute").as("ServiceCategory"),
            midnightUtc(col("date")).as("ChargePeriodStart"),
            midnightUtc(date_add(col("date"), 1)).as("ChargePeriodEnd"),
            lit("Usage").as("ChargeCategory"),
            lit("Usage-Based").as("ChargeFrequency"),
            concat_ws(" ", lit(status), col("instance_type"), kind, lit("instance-hours")).as("ChargeDescription"),
            col("reservation_id").as("ResourceId"),
            when(kind.equalTo(ReservationRules.CAPACITY_BLOCK), lit("Capacity Block"))
                .when(kind.equalTo(ReservationRules.OUTPOST), lit("Outpost Instance Slots"))
                .when(kind.equalTo(ReservationRules.PRIVATE_POOL), lit("Private Pool"))
                .otherwise(lit("Capacity Reservation")).as("ResourceType"),
            col("region").as("RegionId"),
            col("availability_zone").as("AvailabilityZone"),
            col("reservation_id").as("CapacityReservationId"),
            lit(status).as("CapacityReservationStatus"),
            when(upFront, lit("Committed")).otherwise(lit("Standard")).as("PricingCategory"),
            instanceHours.as("PricingQuantity"),
            lit("Hours").as("PricingUnit"),
            instanceHours.as("ConsumedQuantity"),
            lit("Hours").as("ConsumedUnit"),
            col("hourly_rate").as("ListUnitPrice"),
            cost.as("ListCost"),
            col("hourly_rate").as("ContractedUnitPrice"),
            cost.as("ContractedCost"),
            cost.as("EffectiveCost"),
            when(cost.isNull(), lit(null).cast(MartSchemas.COST)).when(upFront, zero()).otherwise(cost)
                .as("BilledCost"),
            col("currency").as("BillingCurrency"));
  }

  /** A UTC day's first instant in ISO-8601, independent of the session time zone. */
  private static Column midnightUtc(Column date) {
    return concat_ws("", date.cast("string"), lit("T00:00:00Z"));
  }

  /**
   * The capacity blocks, as last listed by a published snapshot before the period ended, whose
   * start or end lies within {@code noticeDays} days either side of the end of {@code periodEnd} (UTC):
   * blocks about to start are paid for already, blocks about to end take capacity away.
   */
  public static Dataset<Row> capacityBlocksNear(Dataset<Row> reservationsSnapshotDF, Dataset<Row> scopesDF,
      LocalDate periodEnd, int noticeDays) {
    Preconditions.requireColumns(reservationsSnapshotDF, SnapshotTables.RESERVATIONS, "reservations");
    Instant end = periodEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Column earliest = lit(Timestamp.from(end.minus(Duration.ofDays(noticeDays))));
    Column latest = lit(Timestamp.from(end.plus(Duration.ofDays(noticeDays))));
    return TrustedSnapshots.trusted(reservationsSnapshotDF, scopesDF)
        .filter(col("reservation_type").equalTo(ReservationRules.CAPACITY_BLOCK)
            .and(col("snapshot_time").lt(lit(Timestamp.from(end)))))
        .withColumn("latest_rank", row_number().over(Window.partitionBy("provider", "reservation_id")
            .orderBy(col("snapshot_time").desc(), col("account_id"))))
        .filter(col("latest_rank").equalTo(1)
            .and(col("start_date").between(earliest, latest).or(col("end_date").between(earliest, latest))))
        .select(Cols.of(CAPACITY_BLOCK_COLUMNS))
        .orderBy("start_date", "provider", "owner_account_id", "reservation_id");
  }

  private static Dataset<Row> accountMeasures(Dataset<Row> reservationDailyDF, Dataset<Row> accountUsageDailyDF,
      List<String> extraKeys) {
    Preconditions.requireColumns(reservationDailyDF, MartSchemas.RESERVATION_DAILY, "reservation_daily");
    Preconditions.requireColumns(accountUsageDailyDF, MartSchemas.ACCOUNT_USAGE_DAILY, "account_usage_daily");
    List<String> keys = concat(extraKeys, List.of("provider", "account_id", "currency"));
    Dataset<Row> owned = reservationDailyDF.select(concat(Cols.of(extraKeys), col("provider"),
        col("owner_account_id").as("account_id"), col("currency"),
        col("reserved_instance_hours").as("owned_reserved_instance_hours"),
        col("used_instance_hours").as("owned_used_instance_hours"),
        col("idle_instance_hours").as("owned_idle_instance_hours"),
        col("reserved_cost"),
        col("lending_savings"),
        when(col("lendable"), col("idle_cost")).otherwise(zero()).as("lendable_idle_cost"),
        when(col("hourly_rate").isNull(), col("reserved_instance_hours")).otherwise(zero())
            .as("unpriced_instance_hours")));
    Dataset<Row> billed = reservationDailyDF.select(concat(Cols.of(extraKeys), col("provider"),
        col("billing_owner_account_id").as("account_id"), col("currency"), col("idle_cost")));
    Dataset<Row> consumed = accountUsageDailyDF.select(concat(Cols.of(extraKeys), col("provider"),
        col("account_id"), col("currency"), col("used_instance_hours").as("consumed_instance_hours"),
        col("chargeback_cost")));
    List<Column> sums = new ArrayList<>();
    ACCOUNT_HOURS.forEach(c -> sums.add(coalesce(sum(c), zero()).as(c)));
    ACCOUNT_COSTS.forEach(c -> sums.add(when(col("currency").isNull(), lit(null).cast(MartSchemas.COST))
        .otherwise(coalesce(sum(c), zero())).as(c)));
    return owned.unionByName(billed, true).unionByName(consumed, true)
        .groupBy(Cols.of(keys))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .withColumn("utilisation", ratioOf(col("owned_used_instance_hours"), col("owned_reserved_instance_hours")));
  }

  /** A sum that stays empty when any day's value was unknown, so a partly priced cost is never shown as whole. */
  private static Column sumUnlessAnyUnknown(String column) {
    return when(count(lit(1)).equalTo(count(col(column))), sum(column));
  }

  private static Column[] concat(Column[] first, Column... rest) {
    List<Column> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(Column[]::new);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private ReportQueries() {}
}
