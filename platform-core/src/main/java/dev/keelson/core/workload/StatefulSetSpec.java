package dev.keelson.core.workload;

import dev.keelson.core.internal.validate.WorkloadRules;
import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A workload with stable identity and storage, rendered as an {@code apps/v1} StatefulSet.
 *
 * <pre>{@code
 * Workloads.statefulSet("db")
 *     .replicas(3)
 *     .addClaimTemplate(ClaimTemplate.of("data", "10Gi"))
 *     .podManagement(StatefulSetSpec.PodManagement.PARALLEL)
 *     .partition(2)
 *     .addContainer(postgres)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class StatefulSetSpec implements WorkloadSpec {

  /** Pod start and stop order. */
  public enum PodManagement { ORDERED_READY, PARALLEL }

  /** How pods are replaced on a change. */
  public enum UpdateStrategy { ROLLING_UPDATE, ON_DELETE }

  @Value.Default
  public int replicas() {
    return 1;
  }

  /** Governing headless Service; the StatefulSet's own name when empty. */
  public abstract Optional<String> serviceName();

  public abstract List<ClaimTemplate> claimTemplates();

  @Value.Default
  public PodManagement podManagement() {
    return PodManagement.ORDERED_READY;
  }

  @Value.Default
  public UpdateStrategy updateStrategy() {
    return UpdateStrategy.ROLLING_UPDATE;
  }

  /** Ordinals at or above the partition are updated; the rest keep the old revision (staged rollouts). */
  public abstract Optional<Integer> partition();

  @Value.Default
  public int minReadySeconds() {
    return 0;
  }

  public abstract Optional<Integer> revisionHistoryLimit();

  /** The governing Service name used in the rendered StatefulSet. */
  public final String governingService() {
    return serviceName().orElse(name());
  }

  @Override
  public final String kind() {
    return "StatefulSet";
  }

  @Override
  public final boolean longRunning() {
    return true;
  }

  @Value.Check
  protected void check() {
    WorkloadRules.requireValid(this);
  }

  public static ImmutableStatefulSetSpec.Builder builder() {
    return ImmutableStatefulSetSpec.builder();
  }
}
