package dev.keelson.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How Keelson retries API calls that failed for a reason that passes (HTTP 429, 5xx, a lost connection): up to
 * {@code maxAttempts} attempts in all, waiting {@code initialBackoff}, then twice as long each time, capped at
 * {@code maxBackoff}. Conflicts (409) are not retried blindly: the caller re-reads and re-plans.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.of(8, Duration.ofMillis(200), Duration.ofSeconds(10));
 * }</pre>
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff: need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff
          + " and " + maxBackoff);
    }
  }

  /** Five attempts, 200 ms doubling up to 5 s (about 3 s of waiting in all). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  public static RetryPolicy of(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
  }

  /** The wait after the given failed attempt (1-based). */
  public Duration backoffAfter(int attempt) {
    long millis = initialBackoff.toMillis();
    for (int i = 1; i < attempt && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
