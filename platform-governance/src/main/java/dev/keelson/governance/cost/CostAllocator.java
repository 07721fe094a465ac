package dev.keelson.governance.cost;

import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.metrics.MetricsProvider;
import dev.keelson.core.metrics.Point;
import dev.keelson.core.metrics.QueryResult;
import dev.keelson.core.metrics.Series;
import dev.keelson.core.validation.Quantities;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Allocates cost the way OpenCost does: per container and per time step, the larger of what it requested and what
 * it used, CPU and memory each, averaged over the window and priced per core-hour and GiB-hour. What the nodes
 * could give but nobody was allocated is idle cost, reported on its own line.
 *
 * <p>Usage and requests come from Prometheus: {@code container_cpu_usage_seconds_total} (as a 5-minute rate),
 * {@code container_memory_working_set_bytes} and kube-state-metrics'
 * {@code kube_pod_container_resource_requests}. Workloads, tenants and node capacity come from the cluster.
 *
 * <pre>{@code
 * CostReport report = CostAllocator.on(client, PrometheusClient.of(uri), PriceBook.of("0.03", "0.004"))
 *     .allocate(now.minus(Duration.ofDays(1)), now);
 * }</pre>
 */
public final class CostAllocator {
  static final String CPU_USAGE = "sum by (namespace, pod, container) "
      + "(rate(container_cpu_usage_seconds_total{container!=\"\"}[%s]))";
  static final String MEMORY_USAGE = "sum by (namespace, pod, container) "
      + "(container_memory_working_set_bytes{container!=\"\"})";
  static final String CPU_REQUESTS = "sum by (namespace, pod, container) "
      + "(kube_pod_container_resource_requests{resource=\"cpu\"})";
  static final String MEMORY_REQUESTS = "sum by (namespace, pod, container) "
      + "(kube_pod_container_resource_requests{resource=\"memory\"})";
  private static final double GIB = 1024d * 1024 * 1024;

  private final KubernetesClient client;
  private final MetricsProvider metrics;
  private final PriceBook prices;
  private final Duration step;
  private final Duration rateWindow;

  private CostAllocator(KubernetesClient client, MetricsProvider metrics, PriceBook prices, Duration step,
      Duration rateWindow) {
    this.client = client;
    this.metrics = metrics;
    this.prices = prices;
    this.step = step;
    this.rateWindow = rateWindow;
  }

  /** An allocator sampling every 5 minutes. */
  public static CostAllocator on(KubernetesClient client, MetricsProvider metrics, PriceBook prices) {
    return new CostAllocator(Objects.requireNonNull(client, "client"), Objects.requireNonNull(metrics, "metrics"),
        Objects.requireNonNull(prices, "prices"), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  /** The same allocator sampling every {@code step}. */
  public CostAllocator withStep(Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("step: must be positive, got " + value);
    }
    return new CostAllocator(client, metrics, prices, value, rateWindow);
  }

  /**
   * The same allocator taking CPU usage as a rate over {@code value} (5 minutes by default). It must span at least
   * two scrapes; a window longer than a series' life underestimates, as Prometheus' {@code rate} divides by it.
   */
  public CostAllocator withRateWindow(Duration value) {
    if (value == null || value.toSeconds() < 1) {
      throw new IllegalArgumentException("rateWindow: must be at least 1s, got " + value);
    }
    return new CostAllocator(client, metrics, prices, step, value);
  }

  /** The cost of the window {@code [start, end]}. */
  public CostReport allocate(Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window: end " + end + " must be after start " + start);
    }
    Map<List<String>, Map<Instant, Double>> cpuUse = series(String.format(java.util.Locale.ROOT, CPU_USAGE,
        rateWindow.toSeconds() + "s"), start, end);
    Map<List<String>, Map<Instant, Double>> memUse = series(MEMORY_USAGE, start, end);
    Map<List<String>, Map<Instant, Double>> cpuReq = series(CPU_REQUESTS, start, end);
    Map<List<String>, Map<Instant, Double>> memReq = series(MEMORY_REQUESTS, start, end);
    TreeSet<List<String>> containers = new TreeSet<>(java.util.Comparator.comparing(Object::toString));
    containers.addAll(cpuUse.keySet());
    containers.addAll(memUse.keySet());
    containers.addAll(cpuReq.keySet());
    containers.addAll(memReq.keySet());
    double stepHours = step.toMillis() / 3_600_000d;
    Owners owners = new Owners();
    List<Allocation> allocations = new ArrayList<>();
    for (List<String> key : containers) {
      double coreHours = allocated(cpuReq.get(key), cpuUse.get(key)) * stepHours;
      double gibHours = allocated(memReq.get(key), memUse.get(key)) / GIB * stepHours;
      allocations.add(new Allocation(owners.tenant(key.get(0)), key.get(0), owners.workload(key.get(0),
          key.get(1)), key.get(1), key.get(2), coreHours, gibHours, prices.cost(coreHours, gibHours)));
    }
    return new CostReport(start, end, allocations, capacityCost(start, end));
  }

  /** Σ over time steps of max(request, usage). */
  private static double allocated(Map<Instant, Double> requests, Map<Instant, Double> usage) {
    TreeSet<Instant> times = new TreeSet<>();
    if (requests != null) {
      times.addAll(requests.keySet());
    }
    if (usage != null) {
      times.addAll(usage.keySet());
    }
    double sum = 0;
    for (Instant t : times) {
      double r = requests == null ? 0 : requests.getOrDefault(t, 0d);
      double u = usage == null ? 0 : usage.getOrDefault(t, 0d);
      sum += Math.max(r, u);
    }
    return sum;
  }

  private Map<List<String>, Map<Instant, Double>> series(String promql, Instant start, Instant end) {
    // A sample at t stands for the step that ends at t, so the window's steps end at start + step … end.
    QueryResult result = metrics.queryRange(promql, start.plus(step), end, step);
    Map<List<String>, Map<Instant, Double>> out = new HashMap<>();
    for (Series s : result.asMatrix().series()) {
      Map<Instant, Double> points = new TreeMap<>();
      for (Point p : s.points()) {
        if (!Double.isNaN(p.value())) {
          points.put(p.time(), p.value());
        }
      }
      out.put(List.of(s.label("namespace"), s.label("pod"), s.label("container")), points);
    }
    return out;
  }

  private BigDecimal capacityCost(Instant start, Instant end) {
    double hours = Duration.between(start, end).toMillis() / 3_600_000d;
    double cores = 0;
    double gib = 0;
    for (Node node : client.nodes().list().getItems()) {
      Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
      if (allocatable != null) {
        cores += amount(allocatable.get("cpu"));
        gib += amount(allocatable.get("memory")) / GIB;
      }
    }
    return prices.cost(cores * hours, gib * hours);
  }

  private static double amount(Quantity q) {
    return q == null ? 0 : Quantities.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()))
        .doubleValue();
  }

  /** Tenants of namespaces and top-level owners of pods, from one list of each kind. */
  private final class Owners {
    private final Map<String, String> tenants = new HashMap<>();
    private final Map<String, Pod> pods = new HashMap<>();
    private final Map<String, ReplicaSet> replicaSets = new HashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();

    Owners() {
      for (Namespace ns : client.namespaces().list().getItems()) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        tenants.put(ns.getMetadata().getName(), labels == null ? "" : labels.getOrDefault(Inventory.TENANT_LABEL,
            ""));
      }
      client.pods().inAnyNamespace().list().getItems().forEach(p -> pods.put(key(p.getMetadata().getNamespace(),
          p.getMetadata().getName()), p));
      client.apps().replicaSets().inAnyNamespace().list().getItems().forEach(r -> replicaSets.put(key(
          r.getMetadata().getNamespace(), r.getMetadata().getName()), r));
      client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(j -> jobs.put(key(
          j.getMetadata().getNamespace(), j.getMetadata().getName()), j));
    }

    String tenant(String namespace) {
      return tenants.getOrDefault(namespace, "");
    }

    /** {@code Deployment/web}, {@code CronJob/report}, ...; {@code Pod/<name>} when the pod is gone or bare. */
    String workload(String namespace, String pod) {
      Pod p = pods.get(key(namespace, pod));
      if (p == null) {
        return "Pod/" + pod;
      }
      OwnerReference owner = controller(p.getMetadata().getOwnerReferences());
      if (owner == null) {
        return "Pod/" + pod;
      }
      OwnerReference next = switch (owner.getKind()) {
        case "ReplicaSet" -> {
          ReplicaSet rs = replicaSets.get(key(namespace, owner.getName()));
          yield rs == null ? null : controller(rs.getMetadata().getOwnerReferences());
        }
        case "Job" -> {
          Job job = jobs.get(key(namespace, owner.getName()));
          yield job == null ? null : controller(job.getMetadata().getOwnerReferences());
        }
        default -> null;
      };
      OwnerReference top = next == null ? owner : next;
      return top.getKind() + "/" + top.getName();
    }

    private OwnerReference controller(List<OwnerReference> refs) {
      if (refs == null) {
        return null;
      }
      return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }

    private String key(String namespace, String name) {
      return namespace + "/" + name;
    }
  }
}
