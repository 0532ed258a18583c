package dev.caplens.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * What each provider's raw values mean: which states are billable, which states exist at all, and
 * which kind and pricing model a reservation has. A new system (Outposts assets, Alibaba private
 * pools) slots in by adding its provider here; the transforms read only the derived columns.
 */
public final class ReservationRules {

  /** One provider's states, as its API spells them. */
  record ProviderStates(String provider, Set<String> billable, Set<String> known) {}

  static final List<ProviderStates> STATES = List.of(
      new ProviderStates("aws", Set.of("active"), Set.of("active", "expired", "cancelled", "pending",
          "failed", "scheduled", "payment-pending", "payment-failed", "assessing", "delayed",
          "unsupported", "unavailable")),
      new ProviderStates("outposts", Set.of("ACTIVE"), Set.of("ACTIVE", "RETIRING", "ISOLATED")),
      new ProviderStates("aliyun", Set.of("Active"),
          Set.of("Pending", "Preparing", "Prepared", "Active", "Released")));

  public static final String ODCR = "odcr";
  public static final String CAPACITY_BLOCK = "capacity-block";
  public static final String INTERRUPTIBLE = "interruptible";
  public static final String OUTPOST = "outpost";
  public static final String PRIVATE_POOL = "private-pool";

  public static final String ON_DEMAND_PRICING = "on-demand";
  public static final String CAPACITY_BLOCK_PRICING = "capacity-block";
  public static final String OUTPOST_PRICING = "outpost";
  public static final Set<String> PRICING_MODELS = Set.of(ON_DEMAND_PRICING, CAPACITY_BLOCK_PRICING, OUTPOST_PRICING);
  public static final Set<String> PROVIDERS = Set.of("aws", "outposts", "aliyun");

  /** EC2 ReservationType values; anything else is priced as an ODCR and reported. */
  static final Set<String> EC2_RESERVATION_TYPES = Set.of("default", "capacity-block");

  /** True when the state of a reservation row is billable for its provider. */
  static Column billable(Column provider, Column state) {
    Column billable = lit(false);
    for (ProviderStates states : STATES) {
      billable = when(provider.equalTo(states.provider()), state.isin(states.billable().toArray()))
          .otherwise(billable);
    }
    return orFalse(billable);
  }

  /** True when the state is one the provider's API documents. */
  static Column knownState(Column provider, Column state) {
    Column known = lit(false);
    for (ProviderStates states : STATES) {
      known = when(provider.equalTo(states.provider()), state.isin(states.known().toArray()))
          .otherwise(known);
    }
    return orFalse(known);
  }

  /** reservation_kind from provider, ReservationType and Interruptible. */
  static Column reservationKind() {
    return when(col("provider").equalTo("outposts"), lit(OUTPOST))
        .when(col("provider").equalTo("aliyun"), lit(PRIVATE_POOL))
        .when(col("reservation_type").equalTo(CAPACITY_BLOCK), lit(CAPACITY_BLOCK))
        .when(col("interruptible").equalTo(true), lit(INTERRUPTIBLE))
        .otherwise(lit(ODCR));
  }

  /** True when an EC2 row's ReservationType is one caplens knows how to price. */
  static Column knownReservationType() {
    return col("provider").notEqual("aws").or(col("reservation_type").isNull())
        .or(col("reservation_type").isin(EC2_RESERVATION_TYPES.toArray()));
  }

  /** The price list's pricing_model for a reservation_kind. */
  static Column pricingModel(Column reservationKind) {
    return when(reservationKind.equalTo(CAPACITY_BLOCK), lit(CAPACITY_BLOCK_PRICING))
        .when(reservationKind.equalTo(OUTPOST), lit(OUTPOST_PRICING))
        .otherwise(lit(ON_DEMAND_PRICING));
  }

  private static Column orFalse(Column condition) {
    return coalesce(condition, lit(false));
  }

  private ReservationRules() {}
}
