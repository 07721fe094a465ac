package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only observer that sees every store change (the controller manager hands each one to every controller)
 * and keeps, for the pods of one app, the largest number of pods and the smallest number of Ready pods ever seen:
 * the finest-grained sampling a rollout can get.
 */
final class PodCensus implements Controller {

  private final String app;
  private final Map<String, Boolean> ready = new HashMap<>();
  private boolean recording;
  private int maxPods;
  private int minReady = Integer.MAX_VALUE;
  private long samples;

  PodCensus(String app) {
    this.app = app;
  }

  /** Starts tracking the extremes (pods seen before are still counted). */
  void record() {
    recording = true;
    maxPods = count();
    minReady = readyCount();
  }

  int maxPods() {
    return maxPods;
  }

  int minReady() {
    return minReady;
  }

  long samples() {
    return samples;
  }

  int count() {
    return ready.size();
  }

  int readyCount() {
    return (int) ready.values().stream().filter(b -> b).count();
  }

  @Override
  public String name() {
    return "pod-census";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    if (!event.resource().kind().equals("Pod") || !app.equals(Json.text(event.object(), "metadata", "labels", "app"))) {
      return;
    }
    String uid = Json.text(event.object(), "metadata", "uid");
    if (event.type().equals("DELETED") || event.object().path("metadata").has("deletionTimestamp")) {
      ready.remove(uid);
    } else {
      ready.put(uid, PodState.ready(event.object()));
    }
    if (recording) {
      samples++;
      maxPods = Math.max(maxPods, count());
      minReady = Math.min(minReady, readyCount());
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return Optional.empty();
  }
}
