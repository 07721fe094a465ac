package dev.keelson.core.internal.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on a {@link Clock}, like Go's {@code rate.Limiter}: {@link #reserve()} always takes a token and
 * answers how long to wait for it, so reservations queue up behind each other once the burst is spent.
 */
final class TokenBucket {

  private final Clock clock;
  private final double perSecond;
  private final int burst;
  private double tokens;
  private Instant last;

  TokenBucket(Clock clock, double perSecond, int burst) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = clock.instant();
  }

  /** Takes a token; the wait until it is available (zero while the burst lasts). */
  synchronized Duration reserve() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + elapsed * perSecond);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
  }
}
