package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Scheduler#system()}: one daemon thread of a {@link ScheduledThreadPoolExecutor}, on a real clock. */
public final class SystemScheduler implements Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;

  public SystemScheduler(Clock clock) {
    this.clock = clock;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "keelson-scheduler");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long nanos = Math.max(0, saturatedNanos(delay));
    ScheduledFuture<?> future = executor.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("a scheduled task failed", e);
      }
    }, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException e) {
      return delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
