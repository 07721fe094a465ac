package dev.keelson.testkit.internal.controller;

import dev.keelson.core.validation.Quantities;
import dev.keelson.testkit.internal.api.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The replica count a Resource metric proposes, as kube-controller-manager's {@code replica_calculator.go} computes
 * it from the pods' usage (in milli-units, as {@code Quantity.MilliValue()} reads the resource metrics API):
 * <ul>
 *   <li>terminating and failed pods are left out; pending pods count as unready, as do pods whose CPU is not to be
 *       trusted yet (within the 5 min CPU initialisation period after they started: unready, or measured over a
 *       window that began before they turned Ready; after it: unready and never Ready since 30 s after start);</li>
 *   <li>a utilisation target compares the summed usage of the measured ready pods with their summed requests, in
 *       whole percent; a value target their average usage;</li>
 *   <li>with neither unready nor unmeasured pods, the count is {@code ceil(ratio × ready pods)} unless the ratio is
 *       within the 10% tolerance;</li>
 *   <li>otherwise, on a scale-down, pods without metrics count as using 100% of their request (or the target if it
 *       is higher; a value target: exactly the target), on a scale-up as using nothing, and unready pods as using
 *       nothing on a scale-up; if the ratio so recomputed is within the tolerance or turns the direction round,
 *       the count stays.</li>
 * </ul>
 */
final class ReplicaCalculator {

  static final double TOLERANCE = 0.1;
  /** {@code --horizontal-pod-autoscaler-cpu-initialization-period}. */
  static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
  /** {@code --horizontal-pod-autoscaler-initial-readiness-delay}. */
  static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

  /** A pod's usage of one resource, in milli-units, with the timestamp and window metrics-server measured it at. */
  record PodMetric(long milli, Instant timestamp, Duration window) {
  }

  /**
   * What the metric proposes.
   *
   * @param utilization the usage of the measured ready pods in whole percent of their requests, or null for a
   *     value target
   * @param averageMilli their average usage in milli-units
   */
  record Proposal(int replicas, Integer utilization, long averageMilli) {
  }

  /** Why no count could be computed, in kube-controller-manager's words. */
  static final class MetricUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MetricUnavailable(String message) {
      super(message);
    }
  }

  /** The pods of the target by how they count: ready (with metrics), unready, without metrics, left out. */
  private record Groups(int ready, Set<String> unready, Set<String> missing, Set<String> ignored) {
  }

  private ReplicaCalculator() {
  }

  /** For a target of {@code targetPercent} of the pods' requests ({@code GetResourceReplicas}). */
  static Proposal forUtilization(int current, int targetPercent, String resource, List<ObjectNode> pods,
      Map<String, PodMetric> metrics, Instant now) {
    Groups groups = group(pods, metrics, resource, now);
    Map<String, Long> usage = usageOfReady(metrics, groups);
    Map<String, Long> requests = requests(pods, resource);
    long[] totals = totals(usage, requests);
    int utilization = utilization(totals);
    ToDoubleFunction<Map<String, Long>> ratio = u -> (double) utilization(totals(u, requests)) / targetPercent;
    long fallbackPercent = Math.max(100, targetPercent);
    int replicas = replicas(current, groups, usage, ratio, pod -> requests.get(pod) * fallbackPercent / 100);
    return new Proposal(replicas, utilization, totals[0] / totals[2]);
  }

  /** For a target average of {@code targetMilli} per pod ({@code GetRawResourceReplicas}). */
  static Proposal forAverageValue(int current, long targetMilli, String resource, List<ObjectNode> pods,
      Map<String, PodMetric> metrics, Instant now) {
    Groups groups = group(pods, metrics, resource, now);
    Map<String, Long> usage = usageOfReady(metrics, groups);
    ToDoubleFunction<Map<String, Long>> ratio = u -> (double) average(u) / targetMilli;
    int replicas = replicas(current, groups, usage, ratio, pod -> targetMilli);
    return new Proposal(replicas, null, average(usage));
  }

  private static int replicas(int current, Groups groups, Map<String, Long> usage,
      ToDoubleFunction<Map<String, Long>> ratioOf, ToLongFunction<String> missingOnScaleDown) {
    double ratio = ratioOf.applyAsDouble(usage);
    boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing().isEmpty()) {
      return withinTolerance(ratio) ? current : (int) Math.ceil(ratio * groups.ready());
    }
    Map<String, Long> adjusted = new HashMap<>(usage);
    if (ratio < 1.0) {
      groups.missing().forEach(pod -> adjusted.put(pod, missingOnScaleDown.applyAsLong(pod)));
    } else if (ratio > 1.0) {
      groups.missing().forEach(pod -> adjusted.put(pod, 0L));
    }
    if (scaleUpWithUnready) {
      groups.unready().forEach(pod -> adjusted.put(pod, 0L));
    }
    double newRatio = ratioOf.applyAsDouble(adjusted);
    if (withinTolerance(newRatio) || ratio < 1.0 && newRatio > 1.0 || ratio > 1.0 && newRatio < 1.0) {
      return current;
    }
    int proposed = (int) Math.ceil(newRatio * adjusted.size());
    if (newRatio < 1.0 && proposed > current || newRatio > 1.0 && proposed < current) {
      return current;
    }
    return proposed;
  }

  /** Written as upstream writes it: at the edge, {@code 1.1 <= 1.0 + 0.1} holds where {@code |1.1 - 1.0| <= 0.1} fails. */
  static boolean withinTolerance(double ratio) {
    return 1.0 - TOLERANCE <= ratio && ratio <= 1.0 + TOLERANCE;
  }

  /** {@code groupPods}. */
  private static Groups group(List<ObjectNode> pods, Map<String, PodMetric> metrics, String resource,
      Instant now) {
    if (pods.isEmpty()) {
      throw new MetricUnavailable("no pods returned by selector while calculating replica count");
    }
    int ready = 0;
    Set<String> unready = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Set<String> ignored = new HashSet<>();
    for (ObjectNode pod : pods) {
      String name = Json.text(pod, "metadata", "name");
      String phase = pod.path("status").path("phase").asString("");
      if (pod.path("metadata").hasNonNull("deletionTimestamp") || phase.equals("Failed")) {
        ignored.add(name);
      } else if (phase.equals("Pending")) {
        unready.add(name);
      } else if (!metrics.containsKey(name)) {
        missing.add(name);
      } else if (resource.equals("cpu") && cpuNotYetTrusted(pod, metrics.get(name), now)) {
        unready.add(name);
      } else {
        ready++;
      }
    }
    return new Groups(ready, Set.copyOf(unready), Set.copyOf(missing), Set.copyOf(ignored));
  }

  private static boolean cpuNotYetTrusted(ObjectNode pod, PodMetric metric, Instant now) {
    JsonNode condition = null;
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString(""))) {
        condition = c;
      }
    }
    String startTime = pod.path("status").path("startTime").asString(null);
    if (condition == null || startTime == null) {
      return true;
    }
    Instant started = Instant.parse(startTime);
    boolean readyFalse = "False".equals(condition.path("status").asString(""));
    Instant transition = Instant.parse(condition.path("lastTransitionTime").asString(startTime));
    if (started.plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
      // A sample taken over a window that began before the pod turned Ready still holds its start-up burst.
      return readyFalse || metric.timestamp().isBefore(transition.plus(metric.window()));
    }
    // Later, only a pod that never turned Ready since its start is left out.
    return readyFalse && started.plus(INITIAL_READINESS_DELAY).isAfter(transition);
  }

  private static Map<String, Long> usageOfReady(Map<String, PodMetric> metrics, Groups groups) {
    Map<String, Long> usage = new HashMap<>();
    metrics.forEach((pod, m) -> {
      if (!groups.unready().contains(pod) && !groups.ignored().contains(pod)) {
        usage.put(pod, m.milli());
      }
    });
    if (usage.isEmpty()) {
      throw new MetricUnavailable("did not receive metrics for targeted pods (pods might be unready)");
    }
    return usage;
  }

  /** {@code calculatePodRequestsFromContainers}: app containers and sidecars (restartable init containers). */
  private static Map<String, Long> requests(List<ObjectNode> pods, String resource) {
    Map<String, Long> out = new HashMap<>();
    for (ObjectNode pod : pods) {
      String name = Json.text(pod, "metadata", "name");
      long sum = 0;
      for (String list : List.of("containers", "initContainers")) {
        for (JsonNode c : pod.path("spec").path(list)) {
          if (list.equals("initContainers") && !"Always".equals(c.path("restartPolicy").asString(""))) {
            continue;
          }
          JsonNode request = c.path("resources").path("requests").get(resource);
          if (request == null) {
            throw new MetricUnavailable("missing request for " + resource + " in container "
                + c.path("name").asString("") + " of Pod " + name);
          }
          sum += milli(request.asString());
        }
      }
      out.put(name, sum);
    }
    return out;
  }

  /** {@code Quantity.MilliValue()}: rounded up. */
  static long milli(String quantity) {
    BigDecimal value = Quantities.parse(quantity);
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** Usage and requests summed over the pods that have both, and how many those are. */
  private static long[] totals(Map<String, Long> usage, Map<String, Long> requests) {
    long used = 0;
    long requested = 0;
    long entries = 0;
    for (Map.Entry<String, Long> e : usage.entrySet()) {
      Long request = requests.get(e.getKey());
      if (request != null) {
        used += e.getValue();
        requested += request;
        entries++;
      }
    }
    return new long[] {used, requested, Math.max(1, entries)};
  }

  /** Whole percent of the requests ({@code GetResourceUtilizationRatio}). */
  private static int utilization(long[] totals) {
    if (totals[1] == 0) {
      throw new MetricUnavailable("no metrics returned matched known pods");
    }
    return (int) (totals[0] * 100 / totals[1]);
  }

  private static long average(Map<String, Long> usage) {
    long total = 0;
    for (long v : usage.values()) {
      total += v;
    }
    return total / usage.size();
  }
}
