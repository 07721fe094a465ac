package dev.keelson.core.loop;

import dev.keelson.core.internal.loop.RateLimitedWorkQueue;
import java.time.Duration;
import java.util.Optional;

/**
 * The work queue of a control loop, with client-go's semantics: a key is in the queue at most once however often
 * it is added; a key added while a worker processes it is processed again once that worker is {@link #done}, never
 * by two workers at once; keys can be added after a delay on the {@link Scheduler}'s clock, or rate limited with
 * per-key exponential back-off ({@link RateLimit}).
 *
 * <pre>{@code
 * WorkQueue<ObjectKey> queue = WorkQueue.create(scheduler);
 * queue.add(key);
 * Optional<ObjectKey> next = queue.take();           // blocks until a key is ready or the queue shuts down
 * next.ifPresent(k -> {
 *   try {
 *     reconcile(k);
 *     queue.forget(k);                               // success: reset its back-off
 *   } catch (RuntimeException e) {
 *     queue.addRateLimited(k);                       // retry after 5 ms, 10 ms, 20 ms, ...
 *   } finally {
 *     queue.done(k);
 *   }
 * });
 * }</pre>
 *
 * @param <K> the key type; keys are compared with {@code equals}
 */
public interface WorkQueue<K> {

  /** A queue on {@code scheduler} with {@link RateLimit#defaults()}. */
  static <K> WorkQueue<K> create(Scheduler scheduler) {
    return create(scheduler, RateLimit.defaults());
  }

  static <K> WorkQueue<K> create(Scheduler scheduler, RateLimit rateLimit) {
    return new RateLimitedWorkQueue<>(scheduler, rateLimit);
  }

  /** Queues the key unless it is queued already; ignored after {@link #shutDown()}. */
  void add(K key);

  /**
   * Queues the key once {@code delay} has passed. If the key is already waiting, it keeps the earlier of the two
   * times.
   */
  void addAfter(K key, Duration delay);

  /**
   * Queues the key after its back-off: {@link RateLimit#backoff(int)} of its failures so far, or longer if the
   * overall token bucket is spent. Counts one more failure for the key.
   */
  void addRateLimited(K key);

  /** Resets the key's failures, so its next {@link #addRateLimited} waits the base delay again. */
  void forget(K key);

  /** How many times the key has been added rate limited since it was last forgotten. */
  int failures(K key);

  /**
   * The next key, waiting until one is ready; empty once the queue is shut down. The caller owns the key until it
   * calls {@link #done}.
   */
  Optional<K> take() throws InterruptedException;

  /** The next key if one is ready now, without waiting. */
  Optional<K> poll();

  /** Ends the processing of a key taken from the queue; if it was added meanwhile, it is queued again. */
  void done(K key);

  /** Keys ready to be taken (not those waiting for a delay, nor those being processed). */
  int size();

  /**
   * Waits until no key is ready and none is being processed (keys waiting for a delay do not count).
   *
   * @return false if that did not happen within {@code timeout}
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException;

  /**
   * Stops the queue: it accepts no more keys, drops those queued or waiting, and {@link #take()} returns empty.
   * Keys being processed stay so until {@link #done}; {@link #awaitIdle} waits for them (a graceful drain).
   */
  void shutDown();

  boolean isShutDown();
}
