package dev.keelson.core.loop;

import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.spec.SpecStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How fast a {@link WorkQueue} retries failed keys, as client-go's default controller rate limiter: each key
 * backs off exponentially on its own ({@link #baseDelay()} doubling per failure up to {@link #maxDelay()}) and
 * all retries together pass a token bucket ({@link #perSecond()} tokens a second, {@link #burst()} at once). The
 * delay of a retry is the longer of the two.
 *
 * <pre>{@code
 * RateLimit.defaults()                                    // 5 ms ... 1000 s per key; 10/s, burst 100 overall
 * RateLimit.builder().baseDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofMinutes(5)).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class RateLimit {

  /** The delay after a key's first failure. */
  @Value.Default
  public Duration baseDelay() {
    return Duration.ofMillis(5);
  }

  /** The longest a key's back-off grows. */
  @Value.Default
  public Duration maxDelay() {
    return Duration.ofSeconds(1000);
  }

  /** Retries per second across all keys, once the burst is spent. */
  @Value.Default
  public double perSecond() {
    return 10;
  }

  /** Retries that may happen at once before {@link #perSecond()} applies. */
  @Value.Default
  public int burst() {
    return 100;
  }

  /** The delay of a key's retry after {@code failures} earlier failures, before the overall bucket. */
  public final Duration backoff(int failures) {
    if (failures >= 62) {
      return maxDelay();
    }
    long base = baseDelay().toNanos();
    long factor = 1L << failures;
    if (base > maxDelay().toNanos() / factor) {
      return maxDelay();
    }
    return Duration.ofNanos(base * factor);
  }

  @Value.Check
  protected void check() {
    Checks root = Checks.root();
    if (baseDelay().isNegative() || baseDelay().isZero()) {
      root.at("baseDelay").fail("positive", "must be positive, got " + baseDelay());
    }
    if (maxDelay().compareTo(baseDelay()) < 0) {
      root.at("maxDelay").fail("minimum", "must not be shorter than baseDelay " + baseDelay() + ", got " + maxDelay());
    }
    if (!(perSecond() > 0) || Double.isInfinite(perSecond())) {
      root.at("perSecond").fail("positive", "must be a positive number, got " + perSecond());
    }
    root.at("burst").atLeast(burst(), 1);
    root.throwIfAny("RateLimit");
  }

  /** client-go's defaults: 5 ms doubling to 1000 s per key; 10 retries a second with bursts of 100 overall. */
  public static RateLimit defaults() {
    return builder().build();
  }

  public static ImmutableRateLimit.Builder builder() {
    return ImmutableRateLimit.builder();
  }
}
