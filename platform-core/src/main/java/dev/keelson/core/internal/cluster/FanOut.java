package dev.keelson.core.internal.cluster;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.ClusterOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on several clusters, at most {@code concurrency} at a time, each within a timeout counted from its
 * start. Every cluster gets an outcome. A task that times out is interrupted and its slot goes to the next cluster
 * at once, so one hung cluster delays the run by one timeout at most; if it ignores the interrupt, its thread is left
 * behind (and logged) rather than holding up the fleet.
 */
public final class FanOut<T> {

  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  private final Function<Cluster, T> task;
  private final int concurrency;
  private final Duration timeout;

  public FanOut(Function<Cluster, T> task, int concurrency, Duration timeout) {
    this.task = task;
    this.concurrency = concurrency;
    this.timeout = timeout;
  }

  /** The outcomes, in the order of {@code clusters}. */
  public List<ClusterOutcome<T>> run(List<Cluster> clusters) {
    if (clusters.isEmpty()) {
      return List.of();
    }
    ExecutorService workers = Executors.newCachedThreadPool(threads("keelson-fleet-"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("keelson-fleet-timer-"));
    Semaphore slots = new Semaphore(concurrency);
    List<Attempt> attempts = clusters.stream().map(Attempt::new).toList();
    try {
      for (Attempt attempt : attempts) {
        slots.acquire();
        attempt.outcome.whenComplete((o, e) -> slots.release());
        workers.execute(() -> attempt.run(timer));
      }
      List<ClusterOutcome<T>> outcomes = new ArrayList<>();
      for (Attempt attempt : attempts) {
        outcomes.add(attempt.outcome.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      attempts.forEach(Attempt::cancel);
      return attempts.stream().map(a -> a.outcome.join()).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("fleet outcome completed exceptionally", e.getCause());
    } finally {
      timer.shutdownNow();
      workers.shutdownNow();
    }
  }

  /** One cluster's run: completed once, by the task, the timeout or cancellation, whichever comes first. */
  private final class Attempt {
    private final Cluster cluster;
    private final CompletableFuture<ClusterOutcome<T>> outcome = new CompletableFuture<>();
    private Thread worker;
    private long startedAt;

    Attempt(Cluster cluster) {
      this.cluster = cluster;
    }

    void run(ScheduledExecutorService timer) {
      synchronized (this) {
        if (outcome.isDone()) {
          return;
        }
        worker = Thread.currentThread();
        startedAt = System.nanoTime();
      }
      ScheduledFuture<?> alarm = timer.schedule(this::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
      try {
        T value = task.apply(cluster);
        outcome.complete(ClusterOutcome.success(cluster.name(), value, elapsed()));
      } catch (Throwable e) {
        if (!outcome.complete(FailureKinds.of(cluster, e, elapsed()))) {
          LOG.debug("task on cluster {} ended after its outcome was decided: {}", cluster.name(), e.toString());
        }
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
      } finally {
        alarm.cancel(false);
        synchronized (this) {
          worker = null;
          Thread.interrupted(); // an interrupt from timeOut() was for this task only
        }
      }
    }

    synchronized void timeOut() {
      if (outcome.complete(FailureKinds.timedOut(cluster, timeout, elapsed())) && worker != null) {
        LOG.warn("task on cluster {} did not finish within {}; interrupting it", cluster.name(), timeout);
        worker.interrupt();
      }
    }

    synchronized void cancel() {
      if (outcome.complete(FailureKinds.cancelled(cluster, worker == null ? Duration.ZERO : elapsed()))
          && worker != null) {
        worker.interrupt();
      }
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startedAt);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
