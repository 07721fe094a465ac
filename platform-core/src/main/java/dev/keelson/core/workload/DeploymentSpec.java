package dev.keelson.core.workload;

import dev.keelson.core.internal.validate.WorkloadRules;
import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A stateless, long-running workload rendered as an {@code apps/v1} Deployment.
 *
 * <pre>{@code
 * DeploymentSpec web = Workloads.deployment("web")
 *     .replicas(3)
 *     .addContainer(ContainerSpec.builder()
 *         .name("app")
 *         .image("registry.example.com/shop/web:1.4.2")
 *         .addPort(Port.of("http", 8080))
 *         .resources(Resources.of("250m", "256Mi"))
 *         .readiness(ProbeSpec.http("/ready", "http"))
 *         .build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class DeploymentSpec implements WorkloadSpec {

  /** How pods are replaced on a change. */
  public enum Strategy { ROLLING_UPDATE, RECREATE }

  @Value.Default
  public int replicas() {
    return 1;
  }

  @Value.Default
  public Strategy strategy() {
    return Strategy.ROLLING_UPDATE;
  }

  /** Integer or percentage ({@code "25%"}); Kubernetes' default when empty. */
  public abstract Optional<String> maxSurge();

  /** Integer or percentage ({@code "25%"}); Kubernetes' default when empty. */
  public abstract Optional<String> maxUnavailable();

  @Value.Default
  public int minReadySeconds() {
    return 0;
  }

  /** Old ReplicaSets kept for rollback; the defaults profile sets it explicitly when empty. */
  public abstract Optional<Integer> revisionHistoryLimit();

  /** The defaults profile sets it explicitly when empty. */
  public abstract Optional<Integer> progressDeadlineSeconds();

  @Value.Default
  public boolean paused() {
    return false;
  }

  @Override
  public final String kind() {
    return "Deployment";
  }

  @Override
  public final boolean longRunning() {
    return true;
  }

  @Value.Check
  protected void check() {
    WorkloadRules.requireValid(this);
  }

  public static ImmutableDeploymentSpec.Builder builder() {
    return ImmutableDeploymentSpec.builder();
  }
}
