package dev.keelson.core.cluster;

import dev.keelson.core.internal.cluster.FanOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of {@link Cluster}s, ordered by name, that runs one task on the clusters a label selector picks: at most
 * {@link #concurrency()} clusters at a time, each within {@link #timeout()}, with an outcome for every cluster —
 * a cluster that cannot be reached is a failed outcome, never silently left out.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.of(prodEu, prodUs, stagingEu).withConcurrency(2).withTimeout(Duration.ofMinutes(2));
 * FleetResult<Integer> nodes = fleet.run("env=prod", c -> c.client().nodes().list().getItems().size());
 * nodes.throwIfAnyFailed();
 *
 * for (Fleet wave : fleet.select("env=prod").byLabel(Cluster.REGION_LABEL).values()) {   // region by region
 *   wave.run(task).throwIfAnyFailed();
 * }
 * }</pre>
 *
 * <p>A fleet is immutable; {@code with*} and {@code select} return new fleets over the same clusters. Closing a
 * fleet closes its clusters' clients.
 */
public final class Fleet implements AutoCloseable {

  /** How many clusters a task runs on at once unless told otherwise. */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** How long a task may run on one cluster unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  private final List<Cluster> clusters;
  private final int concurrency;
  private final Duration timeout;

  private Fleet(List<Cluster> clusters, int concurrency, Duration timeout) {
    this.clusters = clusters;
    this.concurrency = concurrency;
    this.timeout = timeout;
  }

  /** A fleet of these clusters. */
  public static Fleet of(Cluster... clusters) {
    return of(List.of(clusters));
  }

  /**
   * A fleet of these clusters.
   *
   * @throws IllegalArgumentException when two clusters have the same name
   */
  public static Fleet of(Collection<Cluster> clusters) {
    Set<String> names = new HashSet<>();
    for (Cluster c : clusters) {
      if (!names.add(Objects.requireNonNull(c, "cluster").name())) {
        throw new IllegalArgumentException("fleet has two clusters named \"" + c.name() + "\"; names must be unique");
      }
    }
    return new Fleet(clusters.stream().sorted(Comparator.comparing(Cluster::name)).toList(), DEFAULT_CONCURRENCY,
        DEFAULT_TIMEOUT);
  }

  /** The clusters, by name. */
  public List<Cluster> clusters() {
    return clusters;
  }

  /** The cluster with this name. */
  public Optional<Cluster> cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The clusters whose labels match, as a fleet with the same settings.
   *
   * @param selector e.g. {@code env=prod,region in (eu,us),!canary}; see {@link LabelSelector}
   * @throws IllegalArgumentException when the selector is malformed
   */
  public Fleet select(String selector) {
    return select(LabelSelector.parse(selector));
  }

  /** The clusters whose labels match, as a fleet with the same settings. */
  public Fleet select(LabelSelector selector) {
    return new Fleet(clusters.stream().filter(c -> c.matches(selector)).toList(), concurrency, timeout);
  }

  /**
   * The clusters grouped by the value of one label, groups in value order — the waves of a region-by-region
   * rollout, say. Clusters without the label are in no group; select them with {@code !key}.
   */
  public Map<String, Fleet> byLabel(String key) {
    Map<String, List<Cluster>> groups = new TreeMap<>();
    for (Cluster c : clusters) {
      String value = c.labels().get(key);
      if (value != null) {
        groups.computeIfAbsent(value, v -> new ArrayList<>()).add(c);
      }
    }
    Map<String, Fleet> out = new LinkedHashMap<>();
    groups.forEach((value, members) -> out.put(value, new Fleet(List.copyOf(members), concurrency, timeout)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** How many clusters a task runs on at once. */
  public int concurrency() {
    return concurrency;
  }

  /** How long a task may run on one cluster before it is interrupted and reported {@code TIMED_OUT}. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * This fleet, running tasks on at most {@code concurrency} clusters at once.
   *
   * @throws IllegalArgumentException when {@code concurrency < 1}
   */
  public Fleet withConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    return new Fleet(clusters, concurrency, timeout);
  }

  /**
   * This fleet, giving a task {@code timeout} on each cluster, counted from when it starts there.
   *
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public Fleet withTimeout(Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new Fleet(clusters, concurrency, timeout);
  }

  /**
   * Runs the task on every cluster and waits for all outcomes.
   *
   * @return an outcome per cluster, by name
   */
  public <T> FleetResult<T> run(Function<Cluster, T> task) {
    return run(LabelSelector.everything(), task);
  }

  /**
   * Runs the task on the clusters the selector picks and waits for all outcomes.
   *
   * @throws IllegalArgumentException when the selector is malformed (before anything runs)
   */
  public <T> FleetResult<T> run(String selector, Function<Cluster, T> task) {
    return run(LabelSelector.parse(selector), task);
  }

  /** Runs the task on the clusters the selector picks and waits for all outcomes. */
  public <T> FleetResult<T> run(LabelSelector selector, Function<Cluster, T> task) {
    Objects.requireNonNull(task, "task");
    List<Cluster> chosen = select(selector).clusters();
    if (chosen.isEmpty()) {
      LOG.info("selector \"{}\" picks none of the {} clusters of the fleet", selector, clusters.size());
    }
    return new FleetResult<>(selector.toString(), new FanOut<>(task, concurrency, timeout).run(chosen));
  }

  /** Closes every cluster's client. */
  @Override
  public void close() {
    clusters.forEach(Cluster::close);
  }

  @Override
  public String toString() {
    return "Fleet" + clusters.stream().map(Cluster::name).toList() + "[concurrency=" + concurrency + ", timeout="
        + timeout + "]";
  }
}
