package dev.keelson.core.it.loop;

import java.util.concurrent.TimeUnit;

/**
 * Waits (wall time, at most 10 s) for an assertion about something an informer delivers: watch events travel over
 * HTTP on their own threads, so a test cannot know the instant they arrive, only that they do.
 */
final class Eventually {

  private Eventually() {
  }

  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
