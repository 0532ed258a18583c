package dev.caplens.sample.server;

import java.util.function.LongSupplier;

/**
 * A token-bucket request limit, as the clouds throttle API calls: up to {@code burst} requests at
 * once, then {@code refillPerSecond} more each second. A request that finds the bucket empty is
 * refused (it does not wait), and a refused request takes no token.
 */
public final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1e9;

  private final int burst;
  private final double refillPerSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;

  /** A full bucket timed by {@link System#nanoTime}. */
  public TokenBucket(int burst, double refillPerSecond) {
    this(burst, refillPerSecond, System::nanoTime);
  }

  /** A full bucket timed by {@code nanoTime} (tests step their own clock). */
  public TokenBucket(int burst, double refillPerSecond, LongSupplier nanoTime) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    if (!(refillPerSecond > 0)) {
      throw new IllegalArgumentException("refillPerSecond must be positive, was " + refillPerSecond);
    }
    this.burst = burst;
    this.refillPerSecond = refillPerSecond;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.refilledAt = nanoTime.getAsLong();
  }

  public int burst() {
    return burst;
  }

  public double refillPerSecond() {
    return refillPerSecond;
  }

  /** Takes a token if one is there; false means the request is over the limit. */
  public synchronized boolean tryTake() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * refillPerSecond);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
