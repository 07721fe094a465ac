package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the controller manager's timer queue small: a key is only requeued for a time when no earlier (or equal)
 * wake-up for it is already pending, since that one will reconcile and requeue again.
 */
final class Wakeups {

  private final Map<String, Instant> pending = new ConcurrentHashMap<>();

  /** The requeue-after for {@code key} to run again at {@code next} (null: never), given the time now. */
  Optional<Duration> requeue(String key, Instant next, Instant now) {
    Instant due = pending.get(key);
    if (due != null && !due.isAfter(now)) {
      pending.remove(key);
      due = null;
    }
    if (next == null) {
      return Optional.empty();
    }
    if (due != null && !due.isAfter(next)) {
      return Optional.empty();
    }
    Instant at = next.isBefore(now) ? now : next;
    pending.put(key, at);
    return Optional.of(Duration.between(now, at));
  }

  void forget(String key) {
    pending.remove(key);
  }
}
