package dev.keelson.core.app;

import dev.keelson.core.internal.validate.AppRules;
import dev.keelson.core.spec.SpecStyle;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One application: a workload with its Service, routes, configuration, autoscaler, disruption budget, service
 * account and network policy, rendered together.
 *
 * <pre>{@code
 * AppSpec app = AppSpec.builder()
 *     .workload(web)
 *     .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
 *     .addConfigMap(ConfigMapSpec.of("web-config", Map.of("LOG_LEVEL", "info")))
 *     .autoscaler(AutoscalerSpec.builder().minReplicas(3).maxReplicas(10).cpuUtilization(70).build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class AppSpec {

  public abstract WorkloadSpec workload();

  public abstract Optional<ServiceSpec> service();

  public abstract List<IngressSpec> ingresses();

  public abstract List<HttpRouteSpec> routes();

  public abstract List<ConfigMapSpec> configMaps();

  public abstract List<SecretSpec> secrets();

  public abstract Optional<AutoscalerSpec> autoscaler();

  /** When empty, the defaults profile adds {@code maxUnavailable: 1} for two or more replicas. */
  public abstract Optional<DisruptionBudgetSpec> disruptionBudget();

  /** Create a dedicated ServiceAccount named after the app and run the pods as it. */
  @Value.Default
  public boolean serviceAccount() {
    return true;
  }

  /** When empty, the defaults profile adds {@link NetworkPolicySpec#sameNamespace()}. */
  public abstract Optional<NetworkPolicySpec> networkPolicy();

  /** The app's name: its workload's name. */
  public final String name() {
    return workload().name();
  }

  @Value.Check
  protected void check() {
    AppRules.requireValid(this);
  }

  public static ImmutableAppSpec.Builder builder() {
    return ImmutableAppSpec.builder();
  }

  /** Apply an environment overlay and return the environment's app (validated like any app). */
  public final AppSpec forEnvironment(EnvironmentOverlay overlay) {
    return overlay.applyTo(this);
  }
}
