package dev.keelson.testkit.internal.metricsserver;

import dev.keelson.core.validation.Quantities;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.controller.node.GoDuration;
import dev.keelson.testkit.internal.series.ResourceUsage;
import dev.keelson.testkit.internal.series.ResourceUsage.ContainerUsage;
import dev.keelson.testkit.internal.series.ResourceUsage.PodUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * metrics-server on the virtual clock: a {@code PodMetrics} for each pod it has scraped (see {@link ResourceUsage})
 * and a {@code NodeMetrics} for each Ready node, whose usage is the sum of its pods' (the simulation runs nothing
 * else on a node). Quantities are written as metrics-server writes them: CPU as a whole number of nanocores in
 * Kubernetes' canonical form ({@code 43481n}, {@code 250m}), memory as whole bytes in binary SI ({@code 864Ki},
 * {@code 64Mi}). Pods on a node that is not Ready have no metrics: metrics-server cannot scrape its kubelet.
 */
public final class MetricsServer {

  public static final String GROUP = "metrics.k8s.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private final ObjectStore store;
  private final ResourceType podType;
  private final ResourceType nodeType;
  private final ResourceUsage usage;

  public MetricsServer(ObjectStore store, ResourceType podType, ResourceType nodeType, ResourceUsage usage) {
    this.store = store;
    this.podType = podType;
    this.nodeType = nodeType;
    this.usage = usage;
  }

  /** The PodMetrics of those of these pods that have usage, ordered by namespace and name as metrics-server does. */
  public List<ObjectNode> podMetrics(List<ObjectNode> pods) {
    long now = store.clock().millis();
    List<ObjectNode> out = new ArrayList<>();
    pods.stream().sorted(Comparator.comparing((ObjectNode p) -> Json.text(p, "metadata", "namespace"))
        .thenComparing(p -> Json.text(p, "metadata", "name"))).forEach(pod -> measure(pod, now).ifPresent(u -> {
          ObjectNode m = object("PodMetrics", pod, u.timestamp(), u.window());
          var containers = m.putArray("containers");
          for (ContainerUsage c : u.containers()) {
            ObjectNode container = containers.addObject();
            container.put("name", c.name());
            usage(container.putObject("usage"), c.nanoCores(), c.bytes());
          }
          out.add(m);
        }));
    return out;
  }

  /**
   * What the resource metrics API knows of these pods, by name (for a namespace's pods): the usage of those it has
   * measured, as {@link #podMetrics} serves it.
   */
  public Map<String, PodUsage> usage(List<ObjectNode> pods) {
    long now = store.clock().millis();
    Map<String, PodUsage> out = new HashMap<>();
    for (ObjectNode pod : pods) {
      measure(pod, now).ifPresent(u -> out.put(Json.text(pod, "metadata", "name"), u));
    }
    return out;
  }

  /** The NodeMetrics of those of these nodes metrics-server can scrape, ordered by name. */
  public List<ObjectNode> nodeMetrics(List<ObjectNode> nodes) {
    long now = store.clock().millis();
    long last = ResourceUsage.lastScrape(now);
    // CPU (nanocores) and memory (bytes) of the measured pods, by node.
    Map<String, long[]> byNode = new HashMap<>();
    for (ObjectNode pod : store.snapshot(podType, null, Selector.everything())) {
      for (ContainerUsage c : measure(pod, now).map(PodUsage::containers).orElse(List.of())) {
        long[] sum = byNode.computeIfAbsent(pod.path("spec").path("nodeName").asString(""), n -> new long[2]);
        sum[0] += c.nanoCores();
        sum[1] += c.bytes();
      }
    }
    List<ObjectNode> out = new ArrayList<>();
    nodes.stream().sorted(Comparator.comparing((ObjectNode n) -> Json.text(n, "metadata", "name"))).forEach(node -> {
      Instant created = Instant.parse(node.path("metadata").path("creationTimestamp").asString(Instant.EPOCH
          .toString()));
      // Like a pod, a node has a rate once it was scraped twice.
      if (!isReady(node) || created.toEpochMilli() > last - ResourceUsage.RESOLUTION.toMillis()) {
        return;
      }
      long[] sum = byNode.getOrDefault(Json.text(node, "metadata", "name"), new long[2]);
      ObjectNode m = object("NodeMetrics", node, Instant.ofEpochMilli(last), ResourceUsage.RESOLUTION);
      usage(m.putObject("usage"), sum[0], sum[1]);
      out.add(m);
    });
    return out;
  }

  private Optional<PodUsage> measure(ObjectNode pod, long now) {
    String node = pod.path("spec").path("nodeName").asString("");
    if (node.isEmpty() || !isReady(store.stored(nodeType, null, node))) {
      return Optional.empty();
    }
    return usage.of(Json.text(pod, "metadata", "uid"), now);
  }

  private static boolean isReady(ObjectNode node) {
    if (node == null) {
      return false;
    }
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString(""))) {
        return "True".equals(c.path("status").asString(""));
      }
    }
    return false;
  }

  private ObjectNode object(String kind, ObjectNode of, Instant timestamp, Duration window) {
    ObjectNode m = Json.object();
    m.put("kind", kind);
    m.put("apiVersion", API_VERSION);
    ObjectNode meta = m.putObject("metadata");
    meta.put("name", Json.text(of, "metadata", "name"));
    String namespace = Json.text(of, "metadata", "namespace");
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    // metrics-server makes these objects on each request.
    meta.put("creationTimestamp", store.now());
    Map<String, String> labels = Json.labels(of);
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      labels.forEach(l::put);
    }
    m.put("timestamp", ObjectStore.timestamp(timestamp));
    m.put("window", GoDuration.format(window));
    return m;
  }

  private static void usage(ObjectNode out, long nanoCores, long bytes) {
    out.put("cpu", Quantities.format(BigDecimal.valueOf(nanoCores, 9), Quantities.Format.DECIMAL_SI));
    out.put("memory", Quantities.format(BigDecimal.valueOf(bytes), Quantities.Format.BINARY_SI));
  }
}
