package dev.keelson.governance.cost;

import dev.keelson.core.metrics.MetricsProvider;
import dev.keelson.core.metrics.Point;
import dev.keelson.core.metrics.Series;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.core.validation.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recommends requests from observed usage in the manner of the VPA recommender: CPU at the 90th percentile of
 * usage samples plus a 15% margin, memory at the peak working set plus a 15% margin, never below 10m CPU or
 * 32Mi memory. Recommendations become a {@link Plan} that changes only the requests, under the field manager
 * {@code keelson-rightsizing}.
 *
 * <pre>{@code
 * Rightsizer rightsizer = Rightsizer.on(client, prometheus);
 * List<Recommendation> recs = rightsizer.recommend("shop-prod", "web", start, end);
 * Plan plan = rightsizer.plan(recs);       // apply with Applier.on(client).fieldManager(FIELD_MANAGER).force(true)
 * }</pre>
 */
public final class Rightsizer {
  /** The field manager rightsizing plans are computed for. */
  public static final String FIELD_MANAGER = "keelson-rightsizing";
  static final BigDecimal MARGIN = new BigDecimal("1.15");
  static final BigDecimal MIN_CPU = new BigDecimal("0.010");
  static final BigDecimal MIN_MEMORY = BigDecimal.valueOf(32L * 1024 * 1024);

  private final KubernetesClient client;
  private final MetricsProvider metrics;
  private final Duration step;

  private Rightsizer(KubernetesClient client, MetricsProvider metrics, Duration step) {
    this.client = client;
    this.metrics = metrics;
    this.step = step;
  }

  /** A rightsizer sampling usage every minute. */
  public static Rightsizer on(KubernetesClient client, MetricsProvider metrics) {
    return new Rightsizer(Objects.requireNonNull(client, "client"), Objects.requireNonNull(metrics, "metrics"),
        Duration.ofMinutes(1));
  }

  /** Recommendations for each container of the Deployment {@code namespace/name} over the window. */
  public List<Recommendation> recommend(String namespace, String deployment, Instant start, Instant end) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    if (d == null) {
      throw new IllegalArgumentException("no Deployment " + namespace + "/" + deployment);
    }
    String pods = "namespace=\"" + namespace + "\", pod=~\"" + deployment + "-[a-z0-9]+-[a-z0-9]+\"";
    Map<String, List<Double>> cpu = samples("rate(container_cpu_usage_seconds_total{" + pods + "}[5m])", start,
        end);
    Map<String, List<Double>> memory = samples("container_memory_working_set_bytes{" + pods + "}", start, end);
    List<Recommendation> out = new ArrayList<>();
    for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
      List<Double> cpuSamples = cpu.getOrDefault(c.getName(), List.of());
      List<Double> memSamples = memory.getOrDefault(c.getName(), List.of());
      if (cpuSamples.isEmpty() && memSamples.isEmpty()) {
        continue;
      }
      BigDecimal cpuTarget = BigDecimal.valueOf(percentile(cpuSamples, 0.90)).multiply(MARGIN).max(MIN_CPU)
          .setScale(3, RoundingMode.CEILING);
      BigDecimal memTarget = BigDecimal.valueOf(memSamples.stream().mapToDouble(Double::doubleValue).max()
          .orElse(0)).multiply(MARGIN).max(MIN_MEMORY).setScale(0, RoundingMode.CEILING);
      out.add(new Recommendation(namespace, "Deployment/" + deployment, c.getName(), request(c, "cpu"), cpuTarget,
          request(c, "memory"), memTarget));
    }
    return out;
  }

  /**
   * A plan that sets the recommended requests and nothing else. The requests are owned by whoever applied the
   * workload, so apply it with {@code force(true)}; better, fold the recommendation into the app's spec.
   */
  public Plan plan(List<Recommendation> recommendations) {
    Map<String, List<Recommendation>> byWorkload = new LinkedHashMap<>();
    recommendations.forEach(r -> byWorkload.computeIfAbsent(r.namespace() + "/" + r.workload(),
        k -> new ArrayList<>()).add(r));
    List<HasMetadata> objects = new ArrayList<>();
    byWorkload.forEach((key, recs) -> {
      Recommendation first = recs.get(0);
      List<Map<String, Object>> containers = new ArrayList<>();
      for (Recommendation r : recs) {
        containers.add(Map.of("name", r.container(), "resources", Map.of("requests", Map.of("cpu",
            r.cpuQuantity(), "memory", r.memoryQuantity()))));
      }
      GenericKubernetesResource object = new GenericKubernetesResourceBuilder().withApiVersion("apps/v1")
          .withKind(first.workload().substring(0, first.workload().indexOf('/'))).withNewMetadata()
          .withName(first.workload().substring(first.workload().indexOf('/') + 1))
          .withNamespace(first.namespace()).endMetadata().build();
      object.setAdditionalProperty("spec", Map.of("template", Map.of("spec", Map.of("containers", containers))));
      objects.add(object);
    });
    return Planner.on(client).fieldManager(FIELD_MANAGER).build().plan(objects);
  }

  private Map<String, List<Double>> samples(String promql, Instant start, Instant end) {
    Map<String, List<Double>> byContainer = new LinkedHashMap<>();
    for (Series s : metrics.queryRange(promql, start, end, step).asMatrix().series()) {
      for (Point p : s.points()) {
        if (!Double.isNaN(p.value())) {
          byContainer.computeIfAbsent(s.label("container"), k -> new ArrayList<>()).add(p.value());
        }
      }
    }
    return byContainer;
  }

  /** The nearest-rank percentile of the samples (0 when there are none). */
  static double percentile(List<Double> samples, double q) {
    if (samples.isEmpty()) {
      return 0;
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static Optional<BigDecimal> request(Container c, String resource) {
    if (c.getResources() == null || c.getResources().getRequests() == null) {
      return Optional.empty();
    }
    Quantity q = c.getResources().getRequests().get(resource);
    return q == null ? Optional.empty() : Optional.of(Quantities.parse(q.getAmount() + (q.getFormat() == null ? ""
        : q.getFormat())));
  }
}
