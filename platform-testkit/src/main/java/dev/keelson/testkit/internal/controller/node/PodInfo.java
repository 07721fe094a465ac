package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scheduler and the node controllers need of a Pod, parsed once per change: placement constraints and
 * the effective resource requests (sum of containers, at least the largest init container, plus overhead).
 *
 * @param nodeName {@code spec.nodeName}, or null when unscheduled
 * @param nonZeroCpuMilli CPU request with the scheduler's 100m default for containers that request none
 * @param nonZeroMemory memory request with the scheduler's 200Mi default for containers that request none
 */
record PodInfo(String key, String namespace, String name, String uid, String nodeName, String schedulerName,
    long cpuMilli, long memory, long nonZeroCpuMilli, long nonZeroMemory, boolean terminal, boolean deleting,
    Map<String, String> nodeSelector, List<Toleration> tolerations, NodeAffinity affinity,
    boolean preemptionNever) {

  static final long DEFAULT_CPU_MILLI = 100;
  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  static PodInfo parse(ObjectNode pod) {
    String ns = Json.text(pod, "metadata", "namespace");
    String name = Json.text(pod, "metadata", "name");
    JsonNode spec = pod.path("spec");
    String nodeName = spec.path("nodeName").asString("");
    long[] sum = new long[4];
    for (JsonNode c : spec.path("containers")) {
      long[] r = requests(c);
      for (int i = 0; i < 4; i++) {
        sum[i] += r[i];
      }
    }
    for (JsonNode c : spec.path("initContainers")) {
      long[] r = requests(c);
      for (int i = 0; i < 4; i++) {
        sum[i] = Math.max(sum[i], r[i]);
      }
    }
    JsonNode overhead = spec.path("overhead");
    long oCpu = Quantities.milli(overhead.get("cpu"));
    long oMem = Quantities.units(overhead.get("memory"));
    String phase = pod.path("status").path("phase").asString("");
    return new PodInfo(key(ns, name), ns, name, Json.text(pod, "metadata", "uid"),
        nodeName.isEmpty() ? null : nodeName, spec.path("schedulerName").asString("default-scheduler"),
        sum[0] + oCpu, sum[1] + oMem, sum[2] + oCpu, sum[3] + oMem,
        phase.equals("Succeeded") || phase.equals("Failed"), pod.path("metadata").has("deletionTimestamp"),
        Map.copyOf(Json.stringMap(spec.get("nodeSelector"))), Toleration.parse(spec.get("tolerations")),
        NodeAffinity.parse(spec), "Never".equals(spec.path("preemptionPolicy").asString("")));
  }

  /** cpu, memory, non-zero cpu, non-zero memory of one container (requests, defaulted from limits). */
  private static long[] requests(JsonNode container) {
    JsonNode req = container.path("resources").path("requests");
    JsonNode lim = container.path("resources").path("limits");
    JsonNode cpu = req.has("cpu") ? req.get("cpu") : lim.get("cpu");
    JsonNode mem = req.has("memory") ? req.get("memory") : lim.get("memory");
    long c = Quantities.milli(cpu);
    long m = Quantities.units(mem);
    return new long[] {c, m, cpu == null ? DEFAULT_CPU_MILLI : c, mem == null ? DEFAULT_MEMORY : m};
  }

  /** Whether the pod holds resources on its node (bound and not finished). */
  boolean holdsResources() {
    return nodeName != null && !terminal;
  }

  /** Whether the default scheduler should place it. */
  boolean awaitsScheduling() {
    return nodeName == null && !deleting && !terminal && "default-scheduler".equals(schedulerName);
  }
}
