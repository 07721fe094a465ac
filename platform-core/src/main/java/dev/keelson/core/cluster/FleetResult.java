package dev.keelson.core.cluster;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a fleet task on every selected cluster, ordered by cluster name. A cluster that could not be
 * reached or timed out is a failed outcome here, never left out.
 *
 * <pre>{@code
 * FleetResult<Integer> nodes = fleet.run("env=prod", c -> c.client().nodes().list().getItems().size());
 * nodes.failures().forEach(f -> log.warn("{}", f.message()));
 * int total = nodes.throwIfAnyFailed().values().values().stream().mapToInt(Integer::intValue).sum();
 * }</pre>
 *
 * @param <T> the task's value type
 */
public final class FleetResult<T> {

  private final String selector;
  private final List<ClusterOutcome<T>> outcomes;

  /**
   * A result over these outcomes (sorted here by cluster name).
   *
   * @param selector the selector that chose the clusters, canonical text; empty for all
   */
  public FleetResult(String selector, List<ClusterOutcome<T>> outcomes) {
    this.selector = selector;
    this.outcomes = outcomes.stream().sorted(Comparator.comparing(ClusterOutcome::cluster)).toList();
  }

  /** The selector that chose the clusters, in canonical form; empty when the task ran on every cluster. */
  public String selector() {
    return selector;
  }

  /** Every outcome, by cluster name. */
  public List<ClusterOutcome<T>> outcomes() {
    return outcomes;
  }

  /** The outcomes whose task returned a value, by cluster name. */
  public List<ClusterOutcome<T>> successes() {
    return outcomes.stream().filter(ClusterOutcome::succeeded).toList();
  }

  /** The outcomes without a value, by cluster name. */
  public List<ClusterOutcome<T>> failures() {
    return outcomes.stream().filter(o -> !o.succeeded()).toList();
  }

  /** Whether the task succeeded on every selected cluster (true when none was selected). */
  public boolean allSucceeded() {
    return outcomes.stream().allMatch(ClusterOutcome::succeeded);
  }

  /** Whether the selector chose no cluster. */
  public boolean isEmpty() {
    return outcomes.isEmpty();
  }

  /** The outcome on one cluster, if it was selected. */
  public Optional<ClusterOutcome<T>> outcome(String cluster) {
    return outcomes.stream().filter(o -> o.cluster().equals(cluster)).findFirst();
  }

  /** The values of the successful outcomes by cluster name, in name order (a value may be null). */
  public Map<String, T> values() {
    Map<String, T> values = new LinkedHashMap<>();
    successes().forEach(o -> values.put(o.cluster(), o.value()));
    return Collections.unmodifiableMap(values);
  }

  /**
   * This result, when every task succeeded.
   *
   * @throws FleetException naming every failed cluster and why
   */
  public FleetResult<T> throwIfAnyFailed() {
    List<ClusterOutcome<T>> failures = failures();
    if (!failures.isEmpty()) {
      throw new FleetException(failures, outcomes.size());
    }
    return this;
  }

  @Override
  public String toString() {
    return "FleetResult[" + outcomes + "]";
  }
}
