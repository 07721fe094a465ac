package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.WatchEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * One in-process controller of the simulated cluster (garbage collector, Deployment controller, kubelet, ...).
 * It turns store events into work keys and reconciles one key at a time, on the test's thread, so runs are
 * deterministic.
 */
public interface Controller {

  String name();

  /**
   * Called for every change in the store; enqueue the keys this change makes dirty. The event's object is the
   * stored version itself: read it (or keep it), never modify it.
   */
  void onEvent(WatchEvent event, WorkQueue queue);

  /**
   * Brings the world in line for one key.
   *
   * @return a delay after which the key should be reconciled again (on the virtual clock), or empty
   */
  Optional<Duration> reconcile(String key);
}
