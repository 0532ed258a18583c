package dev.caplens.transform;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The instance counts each observation contributes, lending included (DESIGN.md "Lending"), and
 * the data-quality findings about them.
 *
 * <p>A source ODCR S that lends L instances reports them as unavailable, so at each instant
 * owner-used = S.total - S.available - L (floor 0) and borrower-used = I.total - I.available of the
 * interruptible reservations I whose source is S, observed at the same instant. S carries the
 * capacity (reserved = S.total, used = owner-used + borrower-used); I carries none and only
 * records what it borrowed.
 */
final class InstanceCounts {

  /**
   * Adds reserved_count, used_count, lent_count, borrower_used_count (on a source),
   * borrowed_count (on an interruptible reservation) and findings, an array of
   * {@code struct<check, affected_count, detail>} to be multiplied by the time each observation
   * covers.
   */
  static Dataset<Row> of(Dataset<Row> observationsDF) {
    Dataset<Row> inUseDF = observationsDF
        .withColumn("is_borrower", col("reservation_kind").equalTo(ReservationRules.INTERRUPTIBLE))
        .withColumn("counts_valid", countsValid())
        .withColumn("in_use", when(col("billable").and(col("counts_valid")),
            col("total_instance_count").minus(col("available_instance_count"))).otherwise(0));
    return inUseDF
        .join(lendingAtInstants(inUseDF), Cols.using(Observations.KEY), "left")
        .withColumn("carries_capacity", not(col("is_borrower")).and(col("billable")))
        .withColumn("lent_count", when(col("carries_capacity"),
            greatest(coalesce(col("lent_instance_count"), lit(0)), lit(0))).otherwise(0))
        .withColumn("reserved_count", when(col("carries_capacity").and(col("total_instance_count").geq(0)),
            col("total_instance_count")).otherwise(0))
        .withColumn("borrower_used_count", when(col("carries_capacity").and(col("counts_valid")),
            least(coalesce(col("borrowers_in_use"), lit(0L)), col("lent_count"))).otherwise(0))
        .withColumn("owner_used_count", when(col("carries_capacity").and(col("counts_valid")),
            greatest(col("in_use").minus(col("lent_count")), lit(0))).otherwise(0))
        .withColumn("used_count", col("owner_used_count").plus(col("borrower_used_count")))
        .withColumn("borrowed_count", when(col("is_borrower"), col("in_use")).otherwise(0))
        .withColumn("findings", findings())
        .drop("counts_valid", "in_use", "borrowers_in_use", "source_observed", "is_borrower", "carries_capacity",
            "owner_used_count");
  }

  /**
   * What the other side of a lending pair showed at the same instant, on the rows it concerns:
   * borrowers_in_use on a source (what its interruptible reservations use; null when none was
   * observed) and source_observed on an interruptible reservation (null when its source was not).
   * Only the pairs' rows move: each is sent to the partition of the reservation it describes,
   * partitioned as the observations are (Observations), so the join leaves the observations where
   * they are instead of shuffling all of them by pair (docs/benchmarks.md, eighth pass).
   */
  private static Dataset<Row> lendingAtInstants(Dataset<Row> inUseDF) {
    Dataset<Row> borrowersDF = inUseDF
        .filter(col("is_borrower").and(col("source_reservation_id").isNotNull()))
        .select("provider", "reservation_id", "source_reservation_id", "snapshot_time", "in_use");
    Dataset<Row> useOnSourcesDF = borrowersDF.select(col("provider"), col("source_reservation_id").as("reservation_id"),
        col("snapshot_time"), col("in_use").as("borrower_in_use"), lit(null).cast("boolean").as("source_observed"));
    Dataset<Row> sourcesDF = inUseDF.filter(not(col("is_borrower")))
        .select(col("provider"), col("reservation_id").as("source_reservation_id"), col("snapshot_time"));
    Dataset<Row> seenOnBorrowersDF = borrowersDF
        .repartition(col("provider"), col("source_reservation_id"))
        .join(sourcesDF, Cols.using("provider", "source_reservation_id", "snapshot_time"), "left_semi")
        .select(col("provider"), col("reservation_id"), col("snapshot_time"),
            lit(null).cast("int").as("borrower_in_use"), lit(true).as("source_observed"));
    return useOnSourcesDF.unionByName(seenOnBorrowersDF)
        .repartition(col("provider"), col("reservation_id"))
        .groupBy(Cols.of(Observations.KEY))
        .agg(sum("borrower_in_use").as("borrowers_in_use"), max("source_observed").as("source_observed"));
  }

  private static Column countsValid() {
    Column total = col("total_instance_count");
    Column available = col("available_instance_count");
    return total.isNotNull().and(available.isNotNull()).and(total.geq(0)).and(available.geq(0))
        .and(available.leq(total));
  }

  private static Column findings() {
    Column total = col("total_instance_count");
    Column available = col("available_instance_count");
    Column countsPresent = total.isNotNull().and(available.isNotNull()).and(total.geq(0)).and(available.geq(0));
    Column capacityOwner = not(col("is_borrower")).and(col("billable"));
    return filter(array(
        finding(col("scope_listings").gt(1), DataQuality.DUPLICATE_LISTING,
            col("reserved_count"),
            format_string("listed %d times in one snapshot of account %s %s; counted once, as total %s, available %s",
                col("scope_listings"), col("scope_account_id"), col("region"),
                coalesce(total.cast("string"), lit("missing")), coalesce(available.cast("string"), lit("missing")))),
        finding(coalesce(col("lifetime_check").equalTo(DataQuality.START_AFTER_END), lit(false)),
            DataQuality.START_AFTER_END, col("reserved_count"), col("lifetime_detail")),
        finding(coalesce(col("lifetime_check").equalTo(DataQuality.START_AFTER_SNAPSHOT), lit(false)),
            DataQuality.START_AFTER_SNAPSHOT, col("reserved_count"), col("lifetime_detail")),
        finding(not(col("known_state")), DataQuality.UNKNOWN_STATE,
            when(total.geq(0), total),
            format_string("state '%s' is not a known %s state; counted as not billable",
                coalesce(col("state"), lit("(missing)")), col("provider"))),
        finding(not(col("known_reservation_type")), DataQuality.UNKNOWN_RESERVATION_TYPE,
            col("reserved_count"),
            format_string("reservation_type '%s' is unknown; priced as an ODCR", col("reservation_type"))),
        finding(col("billable").and(countsPresent).and(available.gt(total)), DataQuality.AVAILABLE_EXCEEDS_TOTAL,
            col("reserved_count"),
            format_string("available_instance_count %d exceeds total_instance_count %d; used counted as 0",
                available, total)),
        finding(col("billable").and(not(countsPresent)), DataQuality.INVALID_COUNT,
            when(total.geq(0), col("reserved_count")),
            format_string("total_instance_count %s, available_instance_count %s; used counted as 0",
                coalesce(total.cast("string"), lit("missing")), coalesce(available.cast("string"), lit("missing")))),
        finding(capacityOwner.and(col("counts_valid")).and(col("reported_used_instance_count").isNotNull())
                .and(col("reported_used_instance_count").notEqual(col("in_use"))),
            DataQuality.USED_COUNT_MISMATCH,
            abs(col("reported_used_instance_count").minus(col("in_use"))),
            format_string("%s reports %d instances in use but total - available is %d; used counted as %d",
                col("provider"), col("reported_used_instance_count"), col("in_use"), col("in_use"))),
        finding(capacityOwner.and(col("counts_valid")).and(col("borrowers_in_use").gt(col("lent_count"))),
            DataQuality.BORROWED_EXCEEDS_LENT,
            col("borrowers_in_use").minus(col("lent_count")),
            format_string("interruptible reservations use %d instances but %d are lent; borrowed use capped at %d",
                col("borrowers_in_use"), col("lent_count"), col("lent_count"))),
        finding(capacityOwner.and(col("lent_count").gt(0)).and(col("borrowers_in_use").isNull()),
            DataQuality.UNPAIRED_LENDING,
            col("lent_count"),
            format_string("lends %d instances but no interruptible reservation with this source was observed "
                + "at the same snapshot; lent instances counted as idle", col("lent_count"))),
        finding(col("is_borrower").and(not(coalesce(col("source_observed"), lit(false)))), DataQuality.UNPAIRED_LENDING,
            col("in_use"),
            format_string("source reservation %s was not observed at the same snapshot; this interruptible "
                + "reservation's use is not charged back", coalesce(col("source_reservation_id"), lit("(missing)"))))
    ), f -> f.isNotNull());
  }

  private static Column finding(Column applies, String check, Column affectedCount, Column detail) {
    return when(applies, struct(lit(check).as("check"), affectedCount.cast("long").as("affected_count"),
        detail.as("detail")));
  }

  private InstanceCounts() {}
}
