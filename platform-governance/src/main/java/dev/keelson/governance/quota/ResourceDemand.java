package dev.keelson.governance.quota;

import dev.keelson.core.validation.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a planned change needs from a quota, in ResourceQuota's terms: {@code requests.cpu},
 * {@code requests.memory}, {@code limits.cpu}, {@code limits.memory}, {@code pods}. A pod's requests follow the
 * scheduler's rule: the larger of the sum over its containers and the largest init container; a container
 * without requests requests its limits, as the API server defaults it.
 *
 * <pre>{@code
 * ResourceDemand surge = ResourceDemand.ofRolloutSurge(deployment);     // the extra pods maxSurge allows
 * ResourceDemand canary = ResourceDemand.ofPods(2, template.getSpec());  // two canary pods
 * }</pre>
 *
 * @param amounts by quota resource name
 */
public record ResourceDemand(Map<String, BigDecimal> amounts) {

  public ResourceDemand {
    amounts = Map.copyOf(new TreeMap<>(amounts));
  }

  /** Nothing. */
  public static ResourceDemand none() {
    return new ResourceDemand(Map.of());
  }

  /** {@code pods} more pods of this spec. */
  public static ResourceDemand ofPods(int pods, PodSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (pods < 0) {
      throw new IllegalArgumentException("pods: must not be negative, got " + pods);
    }
    Map<String, BigDecimal> amounts = new TreeMap<>();
    BigDecimal count = BigDecimal.valueOf(pods);
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        BigDecimal perPod = podAmount(spec, kind, resource);
        if (perPod.signum() > 0) {
          amounts.put(kind + "." + resource, perPod.multiply(count));
        }
      }
    }
    amounts.put("pods", count);
    return new ResourceDemand(amounts);
  }

  /**
   * The extra pods a RollingUpdate may run on top of the desired replicas: {@code maxSurge}, a percentage rounded
   * up as the Deployment controller rounds it (25% by default).
   */
  public static ResourceDemand ofRolloutSurge(Deployment deployment) {
    int replicas = replicas(deployment);
    IntOrString surge = deployment.getSpec().getStrategy() == null
        || deployment.getSpec().getStrategy().getRollingUpdate() == null
        || deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge() == null
        ? new IntOrString("25%") : deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
    if (deployment.getSpec().getStrategy() != null
        && "Recreate".equals(deployment.getSpec().getStrategy().getType())) {
      return ofPods(0, deployment.getSpec().getTemplate().getSpec());
    }
    int extra;
    if (surge.getStrVal() != null && surge.getStrVal().endsWith("%")) {
      int percent = Integer.parseInt(surge.getStrVal().substring(0, surge.getStrVal().length() - 1));
      extra = BigDecimal.valueOf((long) percent * replicas).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
          .intValue();
    } else {
      extra = surge.getIntVal() != null ? surge.getIntVal() : Integer.parseInt(surge.getStrVal());
    }
    return ofPods(extra, deployment.getSpec().getTemplate().getSpec());
  }

  /** Scaling the Deployment to {@code replicas}: the pods added (nothing when scaling down). */
  public static ResourceDemand ofScaleTo(Deployment deployment, int replicas) {
    return ofPods(Math.max(0, replicas - replicas(deployment)), deployment.getSpec().getTemplate().getSpec());
  }

  /** Both demands together. */
  public ResourceDemand plus(ResourceDemand other) {
    Map<String, BigDecimal> sum = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
    return new ResourceDemand(sum);
  }

  /**
   * The amount a quota resource name covers: {@code cpu} and {@code memory} are the same as
   * {@code requests.cpu} and {@code requests.memory}, as ResourceQuota defines them.
   */
  public BigDecimal of(String quotaResource) {
    String key = switch (quotaResource) {
      case "cpu" -> "requests.cpu";
      case "memory" -> "requests.memory";
      default -> quotaResource;
    };
    return amounts.getOrDefault(key, BigDecimal.ZERO);
  }

  private static int replicas(Deployment deployment) {
    Integer r = deployment.getSpec().getReplicas();
    return r == null ? 1 : r;
  }

  private static BigDecimal podAmount(PodSpec spec, String kind, String resource) {
    BigDecimal containers = BigDecimal.ZERO;
    for (Container c : spec.getContainers()) {
      containers = containers.add(amount(c, kind, resource));
    }
    BigDecimal init = BigDecimal.ZERO;
    for (Container c : spec.getInitContainers() == null ? List.<Container>of() : spec.getInitContainers()) {
      init = init.max(amount(c, kind, resource));
    }
    return containers.max(init);
  }

  private static BigDecimal amount(Container c, String kind, String resource) {
    if (c.getResources() == null) {
      return BigDecimal.ZERO;
    }
    Map<String, Quantity> own = kind.equals("requests") ? c.getResources().getRequests()
        : c.getResources().getLimits();
    Quantity q = own == null ? null : own.get(resource);
    if (q == null && kind.equals("requests") && c.getResources().getLimits() != null) {
      q = c.getResources().getLimits().get(resource);
    }
    return q == null ? BigDecimal.ZERO : Quantities.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()));
  }
}
