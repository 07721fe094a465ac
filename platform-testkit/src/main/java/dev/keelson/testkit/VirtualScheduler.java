package dev.keelson.testkit;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link SimulatedCluster#scheduler()}: tasks wait on the virtual clock and run, in due order, when the cluster
 * moves time past them; then the scheduler waits for the activities they set off (control loops' workers).
 */
final class VirtualScheduler implements Scheduler {

  /** How long a moving clock waits for a control loop to finish what a task set off. */
  static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);

  private record Task(Instant due, long sequence, Runnable action) {
  }

  private final VirtualClock clock;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
    int c = a.due().compareTo(b.due());
    return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
  });
  private final List<Activity> activities = new CopyOnWriteArrayList<>();
  private long sequence;

  VirtualScheduler(VirtualClock clock) {
    this.clock = clock;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable action) {
    Instant now = clock.instant();
    Task task;
    synchronized (tasks) {
      task = new Task(delay.isNegative() ? now : now.plus(delay), sequence++, action);
      tasks.add(task);
    }
    return () -> {
      synchronized (tasks) {
        return tasks.remove(task);
      }
    };
  }

  @Override
  public Cancellable register(Activity activity) {
    activities.add(activity);
    return () -> activities.remove(activity);
  }

  /** When the earliest task is due. */
  Optional<Instant> nextDue() {
    synchronized (tasks) {
      Task next = tasks.peek();
      return next == null ? Optional.empty() : Optional.of(next.due());
    }
  }

  /**
   * Runs every task due by now, earliest first (including tasks those schedule for now), then waits until the
   * registered activities are quiet. False if no task was due.
   */
  boolean runDue() {
    boolean ran = false;
    while (true) {
      Task next;
      synchronized (tasks) {
        next = tasks.peek();
        if (next == null || next.due().isAfter(clock.instant())) {
          break;
        }
        tasks.poll();
      }
      // Outside the lock: a task may schedule the next one.
      next.action().run();
      ran = true;
    }
    if (ran) {
      awaitActivities();
    }
    return ran;
  }

  private void awaitActivities() {
    for (Activity activity : activities) {
      try {
        if (!activity.awaitQuiet(QUIET_TIMEOUT)) {
          throw new IllegalStateException("a control loop on the virtual clock was still busy " + QUIET_TIMEOUT
              + " after time reached " + clock.instant() + "; does a reconciler wait for the cluster to change? "
              + "Return Result.requeueAfter(...) instead");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for control loops to be quiet", e);
      }
    }
  }
}
