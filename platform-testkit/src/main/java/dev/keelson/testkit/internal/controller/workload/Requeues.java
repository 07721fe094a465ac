package dev.keelson.testkit.internal.controller.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The de-duplication of client-go's delaying queue ({@code AddAfter}): a key already due to come back at or
 * before the wanted time is not scheduled again. Without it every no-op sync of a rolling Deployment would add one
 * more timer for the same progress deadline.
 */
final class Requeues {

  private final Map<String, Instant> pending = new HashMap<>();

  /**
   * The delay to hand back to the controller manager for {@code key}, or empty when nothing new is needed.
   *
   * @param wanted the delay the sync asked for, if any
   */
  synchronized Optional<Duration> schedule(String key, Optional<Duration> wanted, Instant now) {
    Instant due = pending.get(key);
    if (due != null && !due.isAfter(now)) {
      pending.remove(key);
      due = null;
    }
    if (wanted.isEmpty()) {
      return wanted;
    }
    Instant at = now.plus(wanted.get());
    if (due != null && !due.isAfter(at)) {
      return Optional.empty();
    }
    pending.put(key, at);
    return wanted;
  }
}
