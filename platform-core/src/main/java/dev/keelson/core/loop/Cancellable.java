package dev.keelson.core.loop;

/**
 * A handle on something scheduled or registered that can be called off.
 *
 * <pre>{@code
 * Cancellable retry = scheduler.schedule(Duration.ofSeconds(30), () -> queue.add(key));
 * retry.cancel();                      // true if it had not run yet
 * }</pre>
 */
@FunctionalInterface
public interface Cancellable {

  /** Calls it off; true if this call stopped it from happening, false if it already happened or was cancelled. */
  boolean cancel();
}
