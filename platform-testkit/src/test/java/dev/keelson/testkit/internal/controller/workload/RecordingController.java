package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** Test-only controller that hands every store change to a callback, at the moment it happens. */
final class RecordingController implements Controller {

  private final Consumer<WatchEvent> callback;

  RecordingController(Consumer<WatchEvent> callback) {
    this.callback = callback;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    callback.accept(event);
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return Optional.empty();
  }
}
