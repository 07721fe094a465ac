package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Runs the in-process controllers: feeds them store events, keeps one de-duplicated queue per controller and a
 * timer queue on the virtual clock, and processes work until nothing is left ({@link #runUntilIdle()}).
 */
public final class ControllerManager implements AutoCloseable {

  /** A safety net against controllers that keep making work for each other. */
  private static final int MAX_STEPS = 5_000_000;

  private record Timer(Instant due, long sequence, Controller controller, String key) {
  }

  private final ObjectStore store;
  private final Map<Controller, LinkedHashSet<String>> queues = new LinkedHashMap<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> {
    int c = a.due().compareTo(b.due());
    return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
  });
  private final Map<String, Instant> pendingTimers = new java.util.HashMap<>();
  private volatile boolean closed;
  private long sequence;

  public ControllerManager(ObjectStore store, ResourceTypes types) {
    this.store = store;
    store.watchAll(event -> {
      if (closed) {
        return;
      }
      synchronized (queues) {
        for (Map.Entry<Controller, LinkedHashSet<String>> e : queues.entrySet()) {
          e.getKey().onEvent(event, e.getValue()::add);
        }
      }
    });
  }

  public void register(Controller controller) {
    synchronized (queues) {
      queues.put(controller, new LinkedHashSet<>());
    }
  }

  /** Enqueues a key for a controller now (e.g. at start-up). */
  public void enqueue(Controller controller, String key) {
    synchronized (queues) {
      queues.get(controller).add(key);
    }
  }

  /** Processes queued work until every queue is empty; timers not yet due stay pending. */
  public void runUntilIdle() {
    for (int steps = 0; steps < MAX_STEPS; steps++) {
      Controller controller = null;
      String key = null;
      synchronized (queues) {
        for (Map.Entry<Controller, LinkedHashSet<String>> e : queues.entrySet()) {
          if (!e.getValue().isEmpty()) {
            controller = e.getKey();
            var it = e.getValue().iterator();
            key = it.next();
            it.remove();
            break;
          }
        }
      }
      if (controller == null) {
        return;
      }
      Optional<Duration> again = controller.reconcile(key);
      if (again.isPresent()) {
        schedule(controller, key, again.get());
      }
    }
    throw new IllegalStateException("the simulated cluster's controllers did not settle after " + MAX_STEPS
        + " steps; a controller keeps producing work");
  }

  /** Schedules a key; like client-go's delaying queue, a key already waiting keeps only its earliest time. */
  private void schedule(Controller controller, String key, Duration delay) {
    Instant due = store.clock().instant().plus(delay);
    synchronized (timers) {
      String id = controller.name() + "|" + key;
      Instant pending = pendingTimers.get(id);
      if (pending != null && !pending.isAfter(due)) {
        return;
      }
      if (pending != null) {
        timers.removeIf(t -> t.controller() == controller && t.key().equals(key));
      }
      pendingTimers.put(id, due);
      timers.add(new Timer(due, sequence++, controller, key));
    }
  }

  /**
   * Moves the clock to {@code target} in steps: at each due timer, sets the clock to its due time, enqueues its
   * key and runs until idle.
   */
  public void advanceTo(Instant target, Consumer<Instant> setClock) {
    runUntilIdle();
    while (true) {
      Instant due;
      synchronized (timers) {
        Timer next = timers.peek();
        if (next == null || next.due().isAfter(target)) {
          break;
        }
        due = next.due();
      }
      if (due.isAfter(store.clock().instant())) {
        setClock.accept(due);
      }
      // Every timer due at this instant fires before the controllers run, as they would in one resync.
      synchronized (timers) {
        while (!timers.isEmpty() && !timers.peek().due().isAfter(due)) {
          Timer t = timers.poll();
          pendingTimers.remove(t.controller().name() + "|" + t.key());
          enqueue(t.controller(), t.key());
        }
      }
      runUntilIdle();
    }
    setClock.accept(target);
    runUntilIdle();
  }

  /** The earliest pending timer, if any. */
  public Optional<Instant> nextTimer() {
    synchronized (timers) {
      Timer t = timers.peek();
      return t == null ? Optional.empty() : Optional.of(t.due());
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
