package dev.caplens.transform;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the transform. {@code maxCarry} is how long one observation may be carried forward
 * when no later snapshot of its scope ends it (config {@code transform.max-carry-hours});
 * {@code fx}, when set, converts every price to one reporting currency (config {@code fx}).
 */
public record TransformParams(Duration maxCarry, Optional<FxRates> fx) {

  public static final Duration DEFAULT_MAX_CARRY = Duration.ofHours(26);
  private static final Duration LONGEST_MAX_CARRY = Duration.ofDays(7);

  public TransformParams {
    fx = fx == null ? Optional.empty() : fx;
    if (maxCarry == null || maxCarry.isNegative() || maxCarry.isZero()) {
      throw new IllegalArgumentException("max carry must be positive, was " + maxCarry);
    }
    if (maxCarry.compareTo(LONGEST_MAX_CARRY) > 0) {
      throw new IllegalArgumentException("max carry must be at most " + LONGEST_MAX_CARRY.toHours()
          + " hours, was " + maxCarry.toHours() + " hours");
    }
    if (maxCarry.toNanos() % 1_000 != 0) {
      throw new IllegalArgumentException("max carry must be a whole number of microseconds, was " + maxCarry);
    }
  }

  public TransformParams(Duration maxCarry) {
    this(maxCarry, Optional.empty());
  }

  /** The same settings, converting every price with {@code fxRates}. */
  public TransformParams withFx(FxRates fxRates) {
    return new TransformParams(maxCarry, Optional.of(fxRates));
  }

  /** The prices the marts are computed with: converted to the reporting currency when fx is set. */
  public PriceList pricesForMarts(PriceList prices) {
    return fx.map(rates -> rates.convert(prices)).orElse(prices);
  }

  public static TransformParams defaults() {
    return new TransformParams(DEFAULT_MAX_CARRY);
  }

  public static TransformParams withMaxCarryHours(int hours) {
    return new TransformParams(Duration.ofHours(hours));
  }

  public long maxCarryMicros() {
    return maxCarry.toNanos() / 1_000;
  }

  /** Whole days before a period's first day whose snapshots can still be carried into it. */
  public int lookbackDays() {
    return (int) ((maxCarryMicros() + DayRange.DAY_MICROS - 1) / DayRange.DAY_MICROS);
  }
}
