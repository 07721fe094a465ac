package dev.keelson.core.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** A scheduler for unit tests: time moves only in {@link #advance}, which runs due tasks in order. */
final class ManualScheduler implements Scheduler {

  private record Task(Instant due, long sequence, Runnable action) {
  }

  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      synchronized (ManualScheduler.this) {
        return now;
      }
    }
  };
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      (a, b) -> a.due().equals(b.due()) ? Long.compare(a.sequence(), b.sequence()) : a.due().compareTo(b.due()));
  private final List<Duration> delays = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long sequence;

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable action) {
    delays.add(delay);
    Task task = new Task(now.plus(delay), sequence++, action);
    tasks.add(task);
    return () -> {
      synchronized (this) {
        return tasks.remove(task);
      }
    };
  }

  /** Every delay asked for so far, in order. */
  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  /** Moves time forward, running each task when its due time is reached. */
  void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        if (next.due().isAfter(now)) {
          now = next.due();
        }
      }
      next.action().run();
    }
  }
}
