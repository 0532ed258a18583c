package dev.caplens.sample.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket lets a burst through, refuses past it and refills at its rate, never above the burst. */
class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(5 * SECOND);
  // Burst 3, refill 2 per second: one token every half second.
  private final TokenBucket bucket = new TokenBucket(3, 2, now::get);

  @Test
  void refusesPastTheBurstAndRefillsAtItsRate() {
    assertThat(takes(3)).containsExactly(true, true, true);
    assertThat(bucket.tryTake()).isFalse();

    now.addAndGet(SECOND / 4);
    assertThat(bucket.tryTake()).as("a quarter second refills half a token").isFalse();
    now.addAndGet(SECOND / 4);
    assertThat(takes(2)).as("half a second refills one token").containsExactly(true, false);

    now.addAndGet(SECOND);
    assertThat(takes(3)).as("a second refills two").containsExactly(true, true, false);
  }

  @Test
  void anIdleBucketHoldsNoMoreThanItsBurst() {
    takes(3);
    now.addAndGet(60 * SECOND);
    assertThat(takes(4)).containsExactly(true, true, true, false);
  }

  @Test
  void aRefusedRequestTakesNoToken() {
    takes(3);
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.tryTake()).isFalse();
    }
    now.addAndGet(SECOND / 2);
    assertThat(bucket.tryTake()).isTrue();
  }

  @Test
  void aBucketThatCouldNeverServeIsRefused() {
    assertThatThrownBy(() -> new TokenBucket(0, 1)).hasMessageContaining("burst");
    assertThatThrownBy(() -> new TokenBucket(1, 0)).hasMessageContaining("refillPerSecond");
  }

  private Boolean[] takes(int count) {
    Boolean[] taken = new Boolean[count];
    for (int i = 0; i < count; i++) {
      taken[i] = bucket.tryTake();
    }
    return taken;
  }
}
