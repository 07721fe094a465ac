package dev.keelson.core.loop;

import dev.keelson.core.internal.loop.SystemScheduler;
import java.time.Clock;
import java.time.Duration;

/**
 * Where a control loop's time comes from: a {@link Clock} to read and a way to run a task after a delay on that
 * clock. Everything time-dependent in the loop runtime (requeue-after, back-off, leader election) goes through
 * a scheduler, so a test can drive it: the testkit's {@code SimulatedCluster.scheduler()} runs tasks when the
 * test moves the cluster's virtual clock, and a 30-minute canary pause passes in milliseconds.
 *
 * <pre>{@code
 * try (Scheduler scheduler = Scheduler.system()) {
 *   scheduler.schedule(Duration.ofSeconds(5), () -> log.info("five seconds later"));
 * }
 * }</pre>
 *
 * <p>Tasks must be short and must not block: they run on the scheduler's thread (the system scheduler's single
 * thread, or the thread that moves a virtual clock).
 */
public interface Scheduler extends AutoCloseable {

  /** The scheduler's time; read it instead of the wall clock in anything a test must control. */
  Clock clock();

  /** Runs {@code task} once {@code delay} has passed on {@link #clock()}; a zero or negative delay means now. */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Tells the scheduler about work that its tasks set off on other threads, such as a control loop's workers
   * reconciling a key that a timer re-queued. A scheduler whose time a test moves waits, after running the tasks
   * due at an instant, until every registered activity is quiet before moving time on; that keeps a loop's steps
   * in order on a virtual clock. The system scheduler ignores activities.
   *
   * @return a handle that unregisters the activity
   */
  default Cancellable register(Activity activity) {
    return () -> false;
  }

  /** Releases the scheduler's threads, if it has any; pending tasks do not run. */
  @Override
  default void close() {
  }

  /**
   * A scheduler on the system clock (UTC) with one daemon thread. Close it when done.
   */
  static Scheduler system() {
    return new SystemScheduler(Clock.systemUTC());
  }

  /**
   * Work on other threads that a scheduler's tasks can set off; see {@link Scheduler#register(Activity)}.
   *
   * <pre>{@code
   * Cancellable registration = scheduler.register(timeout -> queue.awaitIdle(timeout));
   * }</pre>
   */
  @FunctionalInterface
  interface Activity {

    /** Waits up to {@code timeout} until nothing is in progress; false if still busy. */
    boolean awaitQuiet(Duration timeout) throws InterruptedException;
  }
}
