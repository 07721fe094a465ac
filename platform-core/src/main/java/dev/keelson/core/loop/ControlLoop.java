package dev.keelson.core.loop;

import dev.keelson.core.internal.loop.DefaultControlLoop;
import dev.keelson.core.internal.loop.InformerCache;
import dev.keelson.core.internal.loop.Watch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A control loop: informer-backed {@link Cache}s turn cluster events into keys, a rate-limited {@link WorkQueue}
 * de-duplicates them, and worker threads hand each key to a {@link Reconciler}. With {@link LeaderElection}, only
 * the replica holding the Lease reconciles; the others keep their caches warm and take over when it goes away.
 * Retries, back-off and leader election are configuration here, not code in each reconciler.
 *
 * <pre>{@code
 * Cache<Deployment> deployments = Cache.of(client.apps().deployments().inAnyNamespace());
 * Reconciler<ObjectKey> labeler = key -> ...;
 * try (ControlLoop<ObjectKey> loop = ControlLoop.builder("labeler", labeler)
 *     .watch(deployments, ObjectKey::of)
 *     .workers(2)
 *     .leaderElection(client, LeaderElection.lease("platform", "labeler"))
 *     .build()) {
 *   loop.start();
 *   ...
 * }                                                  // graceful: in-flight reconciles finish, the Lease is released
 * }</pre>
 *
 * <p>On becoming leader (at start without leader election) the loop queues the key of every cached object, so
 * nothing that happened while it was not leading is missed. Losing the Lease stops it from taking new keys at once;
 * a reconcile already running finishes, within the renew deadline's head start over the next leader.
 *
 * @param <K> the key type, usually {@link ObjectKey}
 */
public interface ControlLoop<K> extends AutoCloseable {

  /** A loop named {@code name} (used in logs and thread names) that hands keys to {@code reconciler}. */
  static <K> Builder<K> builder(String name, Reconciler<K> reconciler) {
    return new Builder<>(name, reconciler);
  }

  String name();

  /**
   * Starts the caches and waits until they have listed their objects, starts the workers, and joins the leader
   * election (making its first attempt before returning). Call once.
   */
  void start();

  /**
   * Queues a key from outside the watches, e.g. for an alert that arrived over a webhook. Ignored while the loop
   * is not leading (the leader gets its own).
   */
  void enqueue(K key);

  /** True while this loop reconciles: always once started without leader election, else while holding the Lease. */
  boolean isLeader();

  /**
   * Waits until the loop is quiet: no key ready in the queue and no reconcile running (keys waiting for a delay do
   * not count). Events still on their way from the API server are not known to the loop: after changing the
   * cluster, wait for a cache to show the change before calling this.
   *
   * @throws IllegalStateException if the loop is still busy after {@code timeout}
   */
  void awaitQuiet(Duration timeout);

  /**
   * Stops gracefully: takes no more keys, waits up to the shutdown timeout for running reconciles, releases the
   * Lease if it held it (only when they finished), and stops the caches.
   */
  @Override
  void close();

  /**
   * Options of a {@link ControlLoop}; only the name and the reconciler are required.
   *
   * @param <K> the key type
   */
  final class Builder<K> {

    private final String name;
    private final Reconciler<K> reconciler;
    private final List<Watch<?, K>> watches = new ArrayList<>();
    private int workers = 1;
    private Scheduler scheduler;
    private KubernetesClient electionClient;
    private LeaderElection election;
    private RateLimit rateLimit = RateLimit.defaults();
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration syncTimeout = Duration.ofMinutes(2);

    private Builder(String name, Reconciler<K> reconciler) {
      this.name = Objects.requireNonNull(name, "name");
      this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a control loop needs a name");
      }
    }

    /**
     * Reconciles the key {@code toKey} gives for each object of {@code cache} that is added, changed or deleted;
     * a null key ignores the event. The loop starts and stops the cache.
     */
    public <T extends HasMetadata> Builder<K> watch(Cache<T> cache, Function<? super T, ? extends K> toKey) {
      watches.add(new Watch<>(InformerCache.from(cache), Objects.requireNonNull(toKey, "toKey")));
      return this;
    }

    /** Watches what {@code source} selects through a cache of its own that only the loop sees. */
    public <T extends HasMetadata> Builder<K> watch(Informable<T> source, Function<? super T, ? extends K> toKey) {
      return watch(Cache.of(source), toKey);
    }

    /** Runs {@code cache} with the loop (started before the first reconcile) without turning its events into keys. */
    public Builder<K> cache(Cache<?> cache) {
      watches.add(new Watch<>(InformerCache.from(cache), null));
      return this;
    }

    /** Worker threads reconciling in parallel (each key on one worker at a time); 1 by default. */
    public Builder<K> workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + count);
      }
      this.workers = count;
      return this;
    }

    /**
     * The loop's time; by default a {@link Scheduler#system()} of its own, closed with the loop. A scheduler passed
     * here belongs to the caller.
     */
    public Builder<K> scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** Reconcile only while holding the Lease {@code election} names, read and written with {@code client}. */
    public Builder<K> leaderElection(KubernetesClient client, LeaderElection election) {
      this.electionClient = Objects.requireNonNull(client, "client");
      this.election = Objects.requireNonNull(election, "election");
      return this;
    }

    /** Retry back-off of failed keys; {@link RateLimit#defaults()} unless set. */
    public Builder<K> rateLimit(RateLimit value) {
      this.rateLimit = Objects.requireNonNull(value, "rateLimit");
      return this;
    }

    /** How long {@link ControlLoop#close()} waits for running reconciles; 30 s by default. */
    public Builder<K> shutdownTimeout(Duration value) {
      this.shutdownTimeout = positive(value, "shutdownTimeout");
      return this;
    }

    /** How long {@link ControlLoop#start()} waits for the caches' initial lists; 2 min by default. */
    public Builder<K> syncTimeout(Duration value) {
      this.syncTimeout = positive(value, "syncTimeout");
      return this;
    }

    public ControlLoop<K> build() {
      return new DefaultControlLoop<>(name, reconciler, List.copyOf(watches), workers, scheduler, electionClient,
          election, rateLimit, shutdownTimeout, syncTimeout);
    }

    private static Duration positive(Duration value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + value);
      }
      return value;
    }
  }
}
