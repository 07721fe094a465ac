package dev.keelson.testkit.internal.controller.workload;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-key exponential part of client-go's default controller rate limiter: 5 ms doubling up to 1000 s, reset when
 * a key syncs without error ({@code Forget}). Delays run on the virtual clock.
 */
final class Backoff {

  private static final long BASE_MILLIS = 5;
  private static final long MAX_MILLIS = 1_000_000;

  private final Map<String, Integer> failures = new HashMap<>();

  /** The delay before retrying this key after one more failure. */
  synchronized Duration next(String key) {
    int n = failures.merge(key, 1, Integer::sum) - 1;
    long millis = n >= 30 ? MAX_MILLIS : Math.min(MAX_MILLIS, BASE_MILLIS << n);
    return Duration.ofMillis(millis);
  }

  synchronized void forget(String key) {
    failures.remove(key);
  }
}
