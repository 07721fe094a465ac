package dev.keelson.core.cluster;

import java.util.List;

/**
 * Thrown by {@link FleetResult#throwIfAnyFailed()}: the task failed on some clusters. The message names each of
 * them and why; the exceptions behind the failures are the cause (the first) and suppressed (the others).
 *
 * <pre>{@code
 * try {
 *   fleet.run("env=prod", task).throwIfAnyFailed();
 * } catch (FleetException e) {
 *   e.failures().forEach(f -> alert(f.cluster(), f.message()));
 * }
 * }</pre>
 */
public final class FleetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ClusterOutcome<?>> failures;

  FleetException(List<? extends ClusterOutcome<?>> failures, int selected) {
    super(describe(failures, selected), failures.get(0).error().orElse(null));
    this.failures = List.copyOf(failures);
    failures.stream().skip(1).forEach(f -> f.error().ifPresent(this::addSuppressed));
  }

  /** The failed outcomes, by cluster name. */
  public List<ClusterOutcome<?>> failures() {
    return failures;
  }

  private static String describe(List<? extends ClusterOutcome<?>> failures, int selected) {
    StringBuilder text = new StringBuilder("the task failed on ").append(failures.size()).append(" of ")
        .append(selected).append(selected == 1 ? " cluster" : " clusters");
    for (ClusterOutcome<?> f : failures) {
      text.append("\n  - ").append(f.cluster()).append(": ").append(f.status()).append(": ").append(f.message());
    }
    return text.toString();
  }
}
