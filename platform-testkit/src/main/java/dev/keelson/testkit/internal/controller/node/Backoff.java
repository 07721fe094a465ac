package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of client-go's {@code flowcontrol.Backoff} as the kubelet uses it for crash loops and image pulls:
 * the delay starts at 10 s, doubles on each {@link #next}, is capped at 300 s, and the entry expires (starts
 * over) when more than twice the cap passed since its last update.
 */
final class Backoff {

  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofSeconds(300);

  private Duration delay;
  private Instant lastUpdate;

  /** The current delay, or null when there is no (unexpired) entry. */
  Duration current() {
    return delay;
  }

  private boolean expired(Instant eventTime) {
    return lastUpdate == null || Duration.between(lastUpdate, eventTime).compareTo(MAX.multipliedBy(2)) > 0;
  }

  /** {@code IsInBackOffSince}: whether {@code now - eventTime} is still inside the current delay. */
  boolean inBackOffSince(Instant eventTime, Instant now) {
    if (delay == null || expired(eventTime)) {
      return false;
    }
    return Duration.between(eventTime, now).compareTo(delay) < 0;
  }

  /** {@code IsInBackOffSinceUpdate}: whether {@code now - lastUpdate} is still inside the current delay. */
  boolean inBackOffSinceUpdate(Instant now) {
    if (delay == null || expired(now)) {
      return false;
    }
    return Duration.between(lastUpdate, now).compareTo(delay) < 0;
  }

  /** When the back-off that started at {@code eventTime} ends. */
  Instant until(Instant eventTime) {
    return eventTime.plus(delay);
  }

  /** {@code Next}: starts at the initial delay (new or expired entry) or doubles up to the cap. */
  void next(Instant eventTime) {
    if (delay == null || expired(eventTime)) {
      delay = INITIAL;
    } else {
      Duration doubled = delay.multipliedBy(2);
      delay = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
    lastUpdate = eventTime;
  }
}
