package dev.caplens.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Conversions from whole instance-microseconds to hours and costs, each rounded half-up to 10
 * places exactly once.
 *
 * <p>Done in Java rather than Spark decimal arithmetic: Spark shrinks the scale of a decimal
 * product or quotient whose precision would exceed 38 (for example {@code decimal(38,0) / 3.6e9}
 * keeps only 6 places), which would lose digits finance relies on.
 */
public final class ExactUnits {

  public static final int SCALE = 10;
  private static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);
  private static final DecimalType NARROWER = DataTypes.createDecimalType(37, SCALE);

  /** Instance-microseconds as instance-hours. */
  public static BigDecimal hours(long instanceMicros) {
    return BigDecimal.valueOf(instanceMicros).divide(MICROS_PER_HOUR, SCALE, RoundingMode.HALF_UP);
  }

  /** Instance-microseconds at an hourly rate; null when the rate is unknown. */
  public static BigDecimal cost(long instanceMicros, BigDecimal hourlyRate) {
    if (hourlyRate == null) {
      return null;
    }
    return BigDecimal.valueOf(instanceMicros).multiply(hourlyRate)
        .divide(MICROS_PER_HOUR, SCALE, RoundingMode.HALF_UP);
  }

  /** numerator / denominator, or null when the denominator is zero or unknown. */
  public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    if (numerator == null || denominator == null || denominator.signum() == 0) {
      return null;
    }
    return numerator.divide(denominator, SCALE, RoundingMode.HALF_UP);
  }

  private static final UserDefinedFunction HOURS_UDF = functions.udf(
      (UDF1<Long, BigDecimal>) micros -> micros == null ? null : hours(micros), MartSchemas.HOURS);

  private static final UserDefinedFunction COST_UDF = functions.udf(
      (UDF2<Long, BigDecimal, BigDecimal>) (micros, rate) -> micros == null ? null : cost(micros, rate),
      MartSchemas.COST);

  private static final UserDefinedFunction RATIO_UDF = functions.udf(
      (UDF2<BigDecimal, BigDecimal, BigDecimal>) ExactUnits::ratio, MartSchemas.HOURS);

  /** A long column of instance-microseconds as a {@code decimal(38,10)} of instance-hours. */
  public static Column hoursOf(Column instanceMicros) {
    return HOURS_UDF.apply(instanceMicros);
  }

  /** A long column of instance-microseconds times a {@code decimal(18,8)} rate. */
  public static Column costOf(Column instanceMicros, Column hourlyRate) {
    return COST_UDF.apply(instanceMicros, hourlyRate.cast(MartSchemas.RATE));
  }

  /** A fraction to 10 places, null when the denominator is 0. */
  public static Column ratioOf(Column numerator, Column denominator) {
    return RATIO_UDF.apply(numerator, denominator);
  }

  /**
   * a - b for {@code decimal(38,10)} values without losing a place: Spark types the difference of
   * two {@code decimal(38,10)} as {@code decimal(38,9)}, of two {@code decimal(37,10)} as
   * {@code decimal(38,10)}.
   */
  public static Column difference(Column a, Column b) {
    return a.cast(NARROWER).minus(b.cast(NARROWER));
  }

  /** Zero as a {@code decimal(38,10)}. */
  public static Column zero() {
    return functions.lit(BigDecimal.ZERO).cast(MartSchemas.HOURS);
  }

  private ExactUnits() {}
}
