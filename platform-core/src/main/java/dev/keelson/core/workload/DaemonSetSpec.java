package dev.keelson.core.workload;

import dev.keelson.core.internal.validate.WorkloadRules;
import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One pod per (matching) node, rendered as an {@code apps/v1} DaemonSet.
 *
 * <pre>{@code
 * Workloads.daemonSet("node-agent").maxUnavailable("10%").addContainer(agent).build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class DaemonSetSpec implements WorkloadSpec {

  /** Integer or percentage; Kubernetes' default (1) when empty. */
  public abstract Optional<String> maxUnavailable();

  /** Integer or percentage; 0 when empty. */
  public abstract Optional<String> maxSurge();

  @Value.Default
  public int minReadySeconds() {
    return 0;
  }

  public abstract Optional<Integer> revisionHistoryLimit();

  @Override
  public final String kind() {
    return "DaemonSet";
  }

  @Override
  public final boolean longRunning() {
    return true;
  }

  @Value.Check
  protected void check() {
    WorkloadRules.requireValid(this);
  }

  public static ImmutableDaemonSetSpec.Builder builder() {
    return ImmutableDaemonSetSpec.builder();
  }
}
