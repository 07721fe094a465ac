package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.RateLimit;
import dev.keelson.core.loop.Scheduler;
import dev.keelson.core.loop.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link WorkQueue}: client-go's de-duplicating queue (queue, dirty and processing sets), its delaying queue
 * (one pending timer per key, the earliest wins) and its default controller rate limiter (per-key exponential
 * back-off, bounded by an overall token bucket), on a {@link Scheduler}.
 */
public final class RateLimitedWorkQueue<K> implements WorkQueue<K> {

  private record Waiting(Instant due, Cancellable timer) {
  }

  private final Scheduler scheduler;
  private final RateLimit rateLimit;
  private final TokenBucket bucket;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<K> ready = new ArrayDeque<>();
  /** Keys that need processing: those in {@link #ready} and those re-added while being processed. */
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Waiting> waiting = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private boolean shutDown;

  public RateLimitedWorkQueue(Scheduler scheduler, RateLimit rateLimit) {
    this.scheduler = scheduler;
    this.rateLimit = rateLimit;
    this.bucket = new TokenBucket(scheduler.clock(), rateLimit.perSecond(), rateLimit.burst());
  }

  @Override
  public void add(K key) {
    lock.lock();
    try {
      if (shutDown || !dirty.add(key)) {
        return;
      }
      if (!processing.contains(key)) {
        ready.addLast(key);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addAfter(K key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    Instant due = scheduler.clock().instant().plus(delay);
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      Waiting current = waiting.get(key);
      if (current != null) {
        if (!current.due().isAfter(due)) {
          return;
        }
        current.timer().cancel();
      }
      Waiting[] self = new Waiting[1];
      Cancellable timer = scheduler.schedule(delay, () -> fire(key, self[0]));
      self[0] = new Waiting(due, timer);
      waiting.put(key, self[0]);
    } finally {
      lock.unlock();
    }
  }

  private void fire(K key, Waiting which) {
    lock.lock();
    try {
      // A timer that was replaced by an earlier one, or cancelled by shutDown, has nothing to add.
      if (which == null || !waiting.remove(key, which)) {
        return;
      }
    } finally {
      lock.unlock();
    }
    add(key);
  }

  @Override
  public void addRateLimited(K key) {
    int failed;
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      failed = failures.merge(key, 1, Integer::sum) - 1;
    } finally {
      lock.unlock();
    }
    Duration itemDelay = rateLimit.backoff(failed);
    Duration bucketDelay = bucket.reserve();
    addAfter(key, itemDelay.compareTo(bucketDelay) >= 0 ? itemDelay : bucketDelay);
  }

  @Override
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<K> take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (ready.isEmpty() && !shutDown) {
        changed.await();
      }
      return shutDown ? Optional.empty() : Optional.of(next());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<K> poll() {
    lock.lock();
    try {
      return ready.isEmpty() || shutDown ? Optional.empty() : Optional.of(next());
    } finally {
      lock.unlock();
    }
  }

  private K next() {
    K key = ready.removeFirst();
    processing.add(key);
    dirty.remove(key);
    return key;
  }

  @Override
  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.contains(key) && !shutDown) {
        ready.addLast(key);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (!ready.isEmpty() || !processing.isEmpty()) {
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      ready.clear();
      dirty.clear();
      waiting.values().forEach(w -> w.timer().cancel());
      waiting.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isShutDown() {
    lock.lock();
    try {
      return shutDown;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "WorkQueue{ready=" + ready.size() + ", processing=" + processing.size() + ", waiting=" + waiting.size()
          + "}";
    } finally {
      lock.unlock();
    }
  }
}
