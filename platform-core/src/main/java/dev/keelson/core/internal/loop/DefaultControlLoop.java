package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.ControlLoop;
import dev.keelson.core.loop.LeaderElection;
import dev.keelson.core.loop.RateLimit;
import dev.keelson.core.loop.Reconciler;
import dev.keelson.core.loop.Result;
import dev.keelson.core.loop.Scheduler;
import dev.keelson.core.loop.WorkQueue;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ControlLoop}: caches, a {@link WorkQueue}, worker threads and, optionally, a {@link LeaseElector}. */
public final class DefaultControlLoop<K> implements ControlLoop<K> {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultControlLoop.class);

  private enum State { NEW, RUNNING, CLOSED }

  private final String name;
  private final Reconciler<K> reconciler;
  private final List<Watch<?, K>> watches;
  private final int workerCount;
  private final Scheduler scheduler;
  private final boolean ownsScheduler;
  private final WorkQueue<K> queue;
  private final LeaseElector elector;
  private final Duration shutdownTimeout;
  private final Duration syncTimeout;
  private final KeyRouter<K> router;
  private final List<Thread> workers = new ArrayList<>();
  private volatile State state = State.NEW;
  private volatile boolean leading;
  private volatile Cancellable activity = () -> false;

  public DefaultControlLoop(String name, Reconciler<K> reconciler, List<Watch<?, K>> watches, int workers,
      Scheduler scheduler, KubernetesClient electionClient, LeaderElection election, RateLimit rateLimit,
      Duration shutdownTimeout, Duration syncTimeout) {
    this.name = name;
    this.reconciler = reconciler;
    this.watches = watches;
    this.workerCount = workers;
    this.ownsScheduler = scheduler == null;
    this.scheduler = scheduler == null ? Scheduler.system() : scheduler;
    this.queue = new RateLimitedWorkQueue<>(this.scheduler, rateLimit);
    this.elector = election == null ? null : new LeaseElector(name, electionClient, election, this.scheduler,
        this::startLeading, this::stopLeading);
    this.router = new KeyRouter<>(name, watches, queue, this::isLeader);
    this.shutdownTimeout = shutdownTimeout;
    this.syncTimeout = syncTimeout;
    watches.forEach(w -> w.cache().claim(name));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("loop " + name + " was already started");
      }
      state = State.RUNNING;
    }
    router.subscribe();
    startCaches();
    for (int i = 0; i < workerCount; i++) {
      Thread worker = new Thread(this::work, "keelson-loop-" + name + "-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    activity = scheduler.register(queue::awaitIdle);
    if (elector == null) {
      startLeading();
    } else {
      elector.start();
    }
    LOG.info("loop {} started: {} worker(s), {} cache(s), {}", name, workerCount, watches.size(),
        elector == null ? "no leader election" : "leader election");
  }

  private void startCaches() {
    List<CompletableFuture<Void>> synced = new ArrayList<>();
    watches.forEach(w -> synced.add(w.cache().start().toCompletableFuture()));
    try {
      CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new))
          .get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failedStart("was interrupted while its caches synced", e);
    } catch (ExecutionException | TimeoutException e) {
      throw failedStart("could not sync its caches within " + syncTimeout, e);
    }
  }

  private IllegalStateException failedStart(String why, Exception cause) {
    state = State.CLOSED;
    watches.forEach(w -> w.cache().close());
    if (ownsScheduler) {
      scheduler.close();
    }
    return new IllegalStateException("loop " + name + " " + why, cause);
  }

  @Override
  public void enqueue(K key) {
    if (isLeader()) {
      queue.add(Objects.requireNonNull(key, "key"));
    }
  }

  private void startLeading() {
    leading = true;
    router.queueAll();
  }

  private void stopLeading() {
    leading = false;
  }

  @Override
  public boolean isLeader() {
    return state == State.RUNNING && leading && (elector == null || elector.isLeader());
  }

  private void work() {
    try {
      while (true) {
        Optional<K> next = queue.take();
        if (next.isEmpty()) {
          return;
        }
        K key = next.get();
        try {
          if (isLeader()) {
            reconcile(key);
          }
        } finally {
          queue.done(key);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reconcile(K key) {
    Result result;
    try {
      result = reconciler.reconcile(key);
      if (result == null) {
        result = Result.error("the reconciler returned null");
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      result = Result.error(e);
    }
    LOG.debug("loop {}: reconciled {}: {}", name, key, result);
    switch (result.kind()) {
      case DONE -> queue.forget(key);
      case REQUEUE_AFTER -> {
        queue.forget(key);
        queue.addAfter(key, result.delay().orElseThrow());
      }
      case ERROR -> {
        Throwable cause = result.error().orElseThrow();
        LOG.warn("loop {}: reconciling {} failed (failure {} in a row), retrying with back-off: {}", name, key,
            queue.failures(key) + 1, cause.toString());
        LOG.debug("loop {}: failure reconciling {}", name, key, cause);
        queue.addRateLimited(key);
      }
      default -> throw new IllegalStateException(result.kind().toString());
    }
  }

  @Override
  public void awaitQuiet(Duration timeout) {
    try {
      if (!queue.awaitIdle(timeout)) {
        throw new IllegalStateException("loop " + name + " is not quiet after " + timeout + ": " + queue);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for loop " + name + " to be quiet", e);
    }
  }

  @Override
  public void close() {
    State previous;
    synchronized (this) {
      previous = state;
      state = State.CLOSED;
    }
    if (previous == State.CLOSED) {
      return;
    }
    queue.shutDown();
    boolean drained = drain();
    if (elector != null) {
      // Handing the Lease back while a reconcile still runs would let the next leader act at the same time.
      elector.stop(drained);
    }
    leading = false;
    activity.cancel();
    for (Thread worker : workers) {
      join(worker);
    }
    watches.forEach(w -> w.cache().close());
    if (ownsScheduler) {
      scheduler.close();
    }
    if (previous == State.RUNNING) {
      LOG.info("loop {} stopped", name);
    }
  }

  private boolean drain() {
    try {
      if (queue.awaitIdle(shutdownTimeout)) {
        return true;
      }
      LOG.warn("loop {}: reconciles still running after {}; interrupting them and keeping the Lease until it "
          + "expires", name, shutdownTimeout);
      workers.forEach(Thread::interrupt);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void join(Thread worker) {
    try {
      worker.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ControlLoop{" + name + ", " + state + (isLeader() ? ", leading" : "") + ", " + queue + "}";
  }
}
