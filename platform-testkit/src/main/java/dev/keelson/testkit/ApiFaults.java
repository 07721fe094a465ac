package dev.keelson.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Faults the simulated API server injects: answer the next N matching requests with an error status, fail a
 * seeded random share of requests, drop every open watch, or expire the watch history so that clients get
 * {@code 410 Gone} and must relist.
 *
 * <pre>{@code
 * cluster.faults().failNext(2, 409, call -> call.verb().equals("patch"));
 * cluster.faults().failAtRate(0.1, 500, 42L, ApiCall::isWrite);
 * cluster.faults().dropWatches();
 * }</pre>
 */
public final class ApiFaults {

  private record Rule(Predicate<ApiCall> matcher, int status, int[] remaining, Random random, double rate) {
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Runnable dropWatches;
  private final Runnable expireHistory;

  ApiFaults(Runnable dropWatches, Runnable expireHistory) {
    this.dropWatches = dropWatches;
    this.expireHistory = expireHistory;
  }

  /** Answers the next {@code times} requests that match with {@code status} (e.g. 409, 429, 500, 503, 504). */
  public synchronized ApiFaults failNext(int times, int status, Predicate<ApiCall> matching) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    rules.add(new Rule(matching, status, new int[] {times}, null, 0));
    return this;
  }

  /** Answers every request with {@code status}, {@code times} times. */
  public ApiFaults failNext(int times, int status) {
    return failNext(times, status, call -> true);
  }

  /** Fails a share of matching requests, chosen by a seeded random generator so runs repeat. */
  public synchronized ApiFaults failAtRate(double rate, int status, long seed, Predicate<ApiCall> matching) {
    if (rate <= 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
    }
    rules.add(new Rule(matching, status, null, new Random(seed), rate));
    return this;
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

  /** The injected answer for a request, or null to serve it normally. */
  synchronized ApiCall decide(ApiCall call) {
    for (var it = rules.iterator(); it.hasNext();) {
      Rule r = it.next();
      if (!r.matcher().test(call)) {
        continue;
      }
      if (r.remaining() != null) {
        if (--r.remaining()[0] == 0) {
          it.remove();
        }
        return withStatus(call, r.status());
      }
      if (r.random().nextDouble() < r.rate()) {
        return withStatus(call, r.status());
      }
    }
    return null;
  }

  private static ApiCall withStatus(ApiCall c, int status) {
    return new ApiCall(c.verb(), c.method(), c.path(), c.resource(), c.namespace(), c.name(), c.subresource(),
        status, c.bodyDigest());
  }
}
