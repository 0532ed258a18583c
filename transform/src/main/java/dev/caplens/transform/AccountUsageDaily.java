package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.costOf;
import static dev.caplens.transform.ExactUnits.hoursOf;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code account_usage_daily} mart: what each consuming account ran in each reservation per
 * day, charged back at the reservation's rate (an interruptible reservation's use at its source's).
 */
final class AccountUsageDaily {

  static Dataset<Row> of(Dataset<Row> accountDaysDF, Dataset<Row> pricedReservationDaysDF) {
    Dataset<Row> reservationFacts = pricedReservationDaysDF.select("provider", "reservation_id", "date",
        "owner_account_id", "region", "instance_type", "currency", "hourly_rate");
    return accountDaysDF
        .join(reservationFacts, Cols.using(ReservationDays.KEY))
        .withColumn("used_instance_hours", hoursOf(col("account_ius")))
        .withColumn("chargeback_cost", costOf(col("account_ius"), col("hourly_rate")))
        .select(Cols.of(MartSchemas.ACCOUNT_USAGE_DAILY));
  }

  private AccountUsageDaily() {}
}
