package dev.keelson.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Faults the simulated cluster injects: answer the next N matching requests with an error status (or another
 * {@link Fault}), fail a seeded random share of requests, drop every open watch, or expire the watch history so
 * that clients get {@code 410 Gone} and must relist. Requests to the simulated Prometheus are matched too:
 * {@link ApiCall#isPrometheus()} picks them.
 *
 * <pre>{@code
 * cluster.faults().failNext(2, 409, call -> call.verb().equals("patch"));
 * cluster.faults().failAtRate(0.1, 500, 42L, ApiCall::isWrite);
 * cluster.faults().failNext(1, Fault.prometheusTimeout(), ApiCall::isPrometheus);
 * cluster.faults().failAll(503, ApiCall::isPrometheus);              // Prometheus is down until clear()
 * cluster.faults().dropWatches();
 * }</pre>
 */
public final class ApiFaults {

  private record Rule(Predicate<ApiCall> matcher, Fault fault, int[] remaining, Random random, double rate) {
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Runnable dropWatches;
  private final Runnable expireHistory;

  ApiFaults(Runnable dropWatches, Runnable expireHistory) {
    this.dropWatches = dropWatches;
    this.expireHistory = expireHistory;
  }

  /**
   * Answers the next {@code times} requests that match with {@code status} (e.g. 409, 429, 500, 503, 504), in the
   * words of the API asked ({@link Fault#status(int)}).
   */
  public ApiFaults failNext(int times, int status, Predicate<ApiCall> matching) {
    return failNext(times, Fault.status(status), matching);
  }

  /** Answers the next {@code times} requests that match with {@code fault}. */
  public synchronized ApiFaults failNext(int times, Fault fault, Predicate<ApiCall> matching) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    rules.add(new Rule(matching, Objects.requireNonNull(fault, "fault"), new int[] {times}, null, 0));
    return this;
  }

  /** Answers the next {@code times} requests, whatever they ask (the Prometheus API's too), with {@code status}. */
  public ApiFaults failNext(int times, int status) {
    return failNext(times, status, call -> true);
  }

  /** Fails a share of matching requests with {@code status}, chosen by a seeded random generator so runs repeat. */
  public ApiFaults failAtRate(double rate, int status, long seed, Predicate<ApiCall> matching) {
    return failAtRate(rate, Fault.status(status), seed, matching);
  }

  /** Answers a share of matching requests with {@code fault}, chosen by a seeded random generator so runs repeat. */
  public synchronized ApiFaults failAtRate(double rate, Fault fault, long seed, Predicate<ApiCall> matching) {
    if (rate <= 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
    }
    rules.add(new Rule(matching, Objects.requireNonNull(fault, "fault"), null, new Random(seed), rate));
    return this;
  }

  /** Answers every matching request with {@code status} until {@link #clear()}: a server that is down. */
  public ApiFaults failAll(int status, Predicate<ApiCall> matching) {
    return failAll(Fault.status(status), matching);
  }

  /** Answers every matching request with {@code fault} until {@link #clear()}. */
  public ApiFaults failAll(Fault fault, Predicate<ApiCall> matching) {
    return failAtRate(1, fault, 0L, matching);
  }

  /** Ends every open watch now; clients reconnect (and resume from their last resourceVersion). */
  public void dropWatches() {
    dropWatches.run();
  }

  /**
   * Forgets the watch history and ends every open watch: a client resuming from its last resourceVersion gets a
   * {@code 410 Expired} error event and has to relist.
   */
  public void expireWatches() {
    expireHistory.run();
    dropWatches.run();
  }

  /** Removes every fault rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** The fault to answer a request with, or null to serve it normally. */
  synchronized Fault decide(ApiCall call) {
    for (var it = rules.iterator(); it.hasNext();) {
      Rule r = it.next();
      if (!r.matcher().test(call)) {
        continue;
      }
      if (r.remaining() != null) {
        if (--r.remaining()[0] == 0) {
          it.remove();
        }
        return r.fault();
      }
      if (r.random().nextDouble() < r.rate()) {
        return r.fault();
      }
    }
    return null;
  }
}
