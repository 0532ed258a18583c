package dev.caplens.transform;

import static dev.caplens.transform.ExactUnits.costOf;
import static dev.caplens.transform.ExactUnits.difference;
import static dev.caplens.transform.ExactUnits.hoursOf;
import static dev.caplens.transform.ExactUnits.zero;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code reservation_daily} mart: hours and costs per reservation and day.
 *
 * <p>Each value is rounded once from whole instance-microseconds. The identities finance checks
 * hold exactly by construction: idle = reserved - used (hours and cost), and used_cost is the sum
 * of the reservation's chargeback rows, so chargeback + idle_cost over all accounts equals
 * reserved_cost.
 */
final class ReservationDaily {

  static Dataset<Row> of(Dataset<Row> pricedReservationDaysDF, Dataset<Row> accountUsageDailyDF) {
    Dataset<Row> chargedBack = accountUsageDailyDF.groupBy(Cols.of(ReservationDays.KEY))
        .agg(sum("chargeback_cost").as("charged_back_cost"));
    Column borrower = col("reservation_kind").equalTo(ReservationRules.INTERRUPTIBLE);
    Column rate = col("hourly_rate");
    return pricedReservationDaysDF
        .join(chargedBack, Cols.using(ReservationDays.KEY), "left")
        .withColumn("reserved_instance_hours", hoursOf(col("reserved_ius")))
        .withColumn("used_instance_hours", hoursOf(col("used_ius")))
        .withColumn("idle_instance_hours", difference(col("reserved_instance_hours"), col("used_instance_hours")))
        .withColumn("unobserved_hours", hoursOf(col("unobserved_us")))
        .withColumn("lent_instance_hours", hoursOf(col("lent_ius")))
        .withColumn("borrowed_instance_hours", hoursOf(col("borrowed_ius")))
        // An interruptible reservation's capacity and cost are its source's.
        .withColumn("reserved_cost", when(borrower, zero()).otherwise(costOf(col("reserved_ius"), rate)))
        .withColumn("used_cost", when(borrower, zero()).when(rate.isNull(), lit(null).cast(MartSchemas.COST))
            .otherwise(coalesce(col("charged_back_cost"), zero())))
        .withColumn("idle_cost", difference(col("reserved_cost"), col("used_cost")))
        .withColumn("lending_savings", when(borrower, zero()).otherwise(costOf(col("borrower_ius"), rate)))
        .select(Cols.of(MartSchemas.RESERVATION_DAILY));
  }

  private ReservationDaily() {}
}
