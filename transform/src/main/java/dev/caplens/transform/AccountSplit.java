package dev.caplens.transform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Splits each observation's used instances among the accounts that ran them (InstanceUsages).
 *
 * <p>The accounts' rows are taken from the scope the observation came from, so a shared reservation
 * seen from two accounts is not counted twice. An interruptible reservation's rows count toward its
 * source, whose rate they are charged at. When the rows explain less than is used, the rest goes to
 * the owner; when they claim more, every claim is scaled by used / claimed. The split is done in
 * whole instance-microseconds and sums exactly to the used instance-microseconds: the fraction of
 * a microsecond that scaling leaves over goes to the largest claimant.
 */
final class AccountSplit {

  private static final DecimalType WHOLE = DataTypes.createDecimalType(20, 0);

  /**
   * A claim's share is claimed x used x piece_us / max(claimed total, used), exact in whole
   * numbers. While both counts are at most this, the product fits a long (10^4 x 10^4 x a day's
   * 8.64 x 10^10 microseconds < 2^63) and is computed in one; past it, in 20-digit decimals.
   * Decimal division was 3 % of the transform's samples (docs/benchmarks.md, eleventh pass).
   */
  private static final long LONG_SAFE_COUNT = 10_000L;
  private static final List<String> PIECE_KEY = List.of("provider", "reservation_id", "snapshot_time", "date");

  /**
   * One row per piece (observation x day) of a capacity-carrying observation and claiming
   * account: provider, reservation_id, snapshot_time, observed_us, date, owner_account_id, region,
   * used_count, used_ius, piece_us, account_id, claimed_count, claimed_total and claim_rank (1 for
   * the largest claim). A piece without usage rows has one row with a null account_id.
   */
  static Dataset<Row> pieceClaims(Dataset<Row> observationDaysDF, Dataset<Row> observationsDF,
      Dataset<Row> trustedUsageDF) {
    WindowSpec claimsOfObservation = Window.partitionBy(Cols.of(Observations.KEY));
    Dataset<Row> claimsDF = claims(observationsDF, trustedUsageDF)
        .withColumn("claimed_total", sum("claimed_count").over(claimsOfObservation))
        .withColumn("claim_rank", row_number().over(
            claimsOfObservation.orderBy(col("claimed_count").desc(), col("account_id"))));
    return observationDaysDF
        .filter(col("piece_us").gt(0).and(col("reservation_kind").notEqual(ReservationRules.INTERRUPTIBLE)))
        .select("provider", "reservation_id", "snapshot_time", "observed_us", "date", "owner_account_id", "region",
            "used_count", "used_ius", "piece_us")
        .join(claimsDF, Cols.using(Observations.KEY), "left");
  }

  /** One row per provider, reservation_id, date and consuming account_id with its account_ius. */
  static Dataset<Row> accountDays(Dataset<Row> pieceClaimsDF) {
    Column claimed = col("claimed_count");
    Column used = col("used_count");
    Column piece = col("piece_us");
    Column scaledDown = col("claimed_total").gt(used);
    Column divisor = greatest(col("claimed_total"), used);
    Column share = when(col("account_id").isNull(), lit(0L))
        .when(claimed.leq(LONG_SAFE_COUNT).and(used.leq(LONG_SAFE_COUNT)), wholeShare(claimed, used, piece, divisor))
        .otherwise(wholeShare(claimed.cast(WHOLE), used.cast(WHOLE), piece.cast(WHOLE), divisor.cast(WHOLE)));
    // Exactly one row of each piece takes what the shares leave: the largest claim, or the only row.
    Column takesResidue = col("claim_rank").equalTo(1).or(col("account_id").isNull());
    Column residue = struct(
        when(scaledDown, col("account_id")).otherwise(col("owner_account_id")).as("account_id"),
        col("used_ius").minus(col("shared_ius")).as("ius"));
    return pieceClaimsDF
        .withColumn("share_ius", share)
        .withColumn("shared_ius", sum("share_ius").over(Window.partitionBy(Cols.of(PIECE_KEY))))
        .withColumn("part", explode(filter(
            array(struct(col("account_id"), col("share_ius").as("ius")), when(takesResidue, residue)),
            part -> part.getField("ius").gt(0))))
        .groupBy(col("provider"), col("reservation_id"), col("date"), col("part.account_id").as("account_id"))
        .agg(sum("part.ius").as("account_ius"));
  }

  /** floor(claimed x used x piece / divisor), in the type of its arguments (all non-negative). */
  private static Column wholeShare(Column claimed, Column used, Column piece, Column divisor) {
    return call_function("div", claimed.multiply(used).multiply(piece), divisor);
  }

  /**
   * Findings where the accounts' rows and the used count disagree, per piece: provider,
   * account_id (the owner), region, reservation_id, date, observed_us, check, ius, detail.
   */
  static Dataset<Row> findings(Dataset<Row> pieceClaimsDF) {
    Column claimed = coalesce(col("claimed_total"), lit(0L));
    Dataset<Row> piecesDF = pieceClaimsDF.filter(col("claim_rank").equalTo(1).or(col("account_id").isNull()));
    Dataset<Row> unexplained = piecesDF.filter(col("used_count").gt(claimed))
        .withColumn("check", lit(DataQuality.UNEXPLAINED_USAGE))
        .withColumn("ius", col("used_count").minus(claimed).multiply(col("piece_us")))
        .withColumn("detail", format_string(
            "per-account usage explains %d of %d instances in use; the rest is charged to the owner %s",
            claimed, col("used_count"), col("owner_account_id")));
    Dataset<Row> exceeding = piecesDF.filter(claimed.gt(col("used_count")))
        .withColumn("check", lit(DataQuality.USAGE_EXCEEDS_USED))
        .withColumn("ius", claimed.minus(col("used_count")).multiply(col("piece_us")))
        .withColumn("detail", format_string(
            "per-account usage claims %d instances but %d are in use; every claim scaled by %d/%d",
            claimed, col("used_count"), col("used_count"), claimed));
    return unexplained.unionByName(exceeding)
        .select(col("provider"), col("owner_account_id").as("account_id"), col("region"), col("reservation_id"),
            col("date"), col("observed_us"), col("check"), col("ius"), col("detail"));
  }

  /**
   * Per observation and consuming account: claimed_count. Rows of an interruptible reservation
   * are keyed by its source reservation.
   *
   * <p>Partitioned as the observations are, by the reservation charged, for the sum, the windows
   * and the join with the observations' pieces. Joined with the listings, the rows are in the
   * partition of the reservation they name, which is the one charged for all but an interruptible
   * reservation's: only the rows of the few reservations ever listed as interruptible move, to
   * their source's. (Shuffling every row by the reservation charged cost a shuffle of all the
   * usage rows, as many as the observations, docs/benchmarks.md, tenth pass.)
   */
  private static Dataset<Row> claims(Dataset<Row> observationsDF, Dataset<Row> trustedUsageDF) {
    Dataset<Row> listing = observationsDF.select(col("provider"), col("reservation_id"),
        col("scope_account_id").as("account_id"), col("region"), col("snapshot_time"),
        when(col("reservation_kind").equalTo(ReservationRules.INTERRUPTIBLE), col("source_reservation_id"))
            .otherwise(col("reservation_id")).as("charged_reservation_id"));
    Dataset<Row> interruptibleDF = broadcast(collected(observationsDF
        .filter(col("reservation_kind").equalTo(ReservationRules.INTERRUPTIBLE))
        .select("provider", "reservation_id")
        .distinct()));
    Dataset<Row> usageDF = trustedUsageDF.filter(col("used_instance_count").gt(0));
    List<String> reservation = List.of("provider", "reservation_id");
    Dataset<Row> ownDF = listed(usageDF.join(interruptibleDF, Cols.using(reservation), "left_anti"), listing)
        .select(col("provider"), col("reservation_id"), col("snapshot_time"), col("usage_account_id"),
            col("used_instance_count"));
    Dataset<Row> borrowedDF = listed(usageDF.join(interruptibleDF, Cols.using(reservation), "left_semi"), listing)
        .filter(col("charged_reservation_id").isNotNull())
        .repartition(col("provider"), col("charged_reservation_id"))
        .select(col("provider"), col("charged_reservation_id").as("reservation_id"), col("snapshot_time"),
            col("usage_account_id"), col("used_instance_count"));
    return ownDF.unionByName(borrowedDF)
        .groupBy(col("provider"), col("reservation_id"), col("snapshot_time"), col("usage_account_id").as("account_id"))
        .agg(sum(col("used_instance_count").cast("long")).as("claimed_count"));
  }

  /**
   * Usage rows of the scope that listed the observation, with the reservation charged. Joined where
   * the listings are: the usage rows are as many as the observations, and once split by the ids
   * above Spark's size estimate of them can fall low enough for it to broadcast them all.
   */
  private static Dataset<Row> listed(Dataset<Row> usageDF, Dataset<Row> listing) {
    return usageDF.join(listing.hint("merge"),
        Cols.using("provider", "reservation_id", "account_id", "region", "snapshot_time"));
  }

  /**
   * A few rows, computed once and held by the driver: as a plan, the split above would compute
   * them again for each source of usage rows it is pushed into.
   */
  private static Dataset<Row> collected(Dataset<Row> fewDF) {
    return fewDF.sparkSession().createDataFrame(fewDF.collectAsList(), fewDF.schema());
  }

  private AccountSplit() {}
}
