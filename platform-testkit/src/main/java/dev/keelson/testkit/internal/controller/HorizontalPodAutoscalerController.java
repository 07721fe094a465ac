package dev.keelson.testkit.internal.controller;

import dev.keelson.core.validation.Quantities;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The horizontal pod autoscaler (autoscaling/v2) on the virtual clock, fed by {@link ScriptedMetrics}: every
 * 15 s it computes the desired replicas per metric ({@code ceil(current × value / target)}, within the 10%
 * tolerance), takes the largest, applies the behaviour (scale-up at most 100% or 4 pods per 15 s, scale-down
 * stabilised over 300 s unless configured otherwise), clamps to min/max and scales the target.
 */
public final class HorizontalPodAutoscalerController implements Controller {

  static final Duration SYNC_PERIOD = Duration.ofSeconds(15);
  static final double TOLERANCE = 0.1;
  private static final String MANAGER = "kube-controller-manager";

  private record Recommendation(Instant at, int replicas) {
  }

  private final ApiServer api;
  private final ScriptedMetrics metrics;
  private final ResourceType hpas;
  private final Map<String, Deque<Recommendation>> history = new ConcurrentHashMap<>();

  public HorizontalPodAutoscalerController(ApiServer api, ScriptedMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
    this.hpas = api.type("autoscaling/v2", "HorizontalPodAutoscaler");
  }

  @Override
  public String name() {
    return "horizontal-pod-autoscaler";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    if (event.resource().plural().equals("horizontalpodautoscalers") && !event.type().equals("DELETED")
        && event.object().path("status").isMissingNode()) {
      // A new autoscaler is evaluated at once; afterwards it runs on its own 15 s period.
      queue.add(Json.text(event.object(), "metadata", "namespace") + "/"
          + Json.text(event.object(), "metadata", "name"));
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode hpa = api.store().get(hpas, ns, key.substring(slash + 1));
    if (hpa == null) {
      history.remove(key);
      return Optional.empty();
    }
    JsonNode spec = hpa.path("spec");
    String kind = spec.path("scaleTargetRef").path("kind").asString("");
    String targetName = spec.path("scaleTargetRef").path("name").asString("");
    Optional<ResourceType> targetType = api.types().byKind(spec.path("scaleTargetRef").path("apiVersion")
        .asString("apps/v1"), kind);
    ObjectNode target = targetType.map(t -> api.store().get(t, ns, targetName)).orElse(null);
    if (target == null) {
      writeStatus(hpa, 0, 0, false, "FailedGetScale", "the HPA controller was unable to get the target's current "
          + "scale: " + kind.toLowerCase(java.util.Locale.ROOT) + "s \"" + targetName + "\" not found", null);
      return Optional.of(SYNC_PERIOD);
    }
    int current = target.path("spec").path("replicas").asInt(1);
    int min = spec.path("minReplicas").asInt(1);
    int max = spec.path("maxReplicas").asInt(current);
    Integer proposal = null;
    ArrayNode currentMetrics = Json.NODES.arrayNode();
    for (JsonNode m : spec.path("metrics")) {
      Integer p = proposal(ns, targetName, m, current, currentMetrics);
      if (p != null && (proposal == null || p > proposal)) {
        proposal = p;
      }
    }
    if (proposal == null) {
      writeStatus(hpa, current, current, false, "FailedGetResourceMetric", "the HPA was unable to compute the "
          + "replica count: no metrics returned from the scripted metrics", null);
      return Optional.of(SYNC_PERIOD);
    }
    Instant now = api.store().clock().instant();
    int desired = stabilise(key, spec, proposal, current, now);
    desired = rateLimit(spec, current, desired);
    String limitedReason = "DesiredWithinRange";
    if (desired > max) {
      desired = max;
      limitedReason = "TooManyReplicas";
    } else if (desired < min) {
      desired = min;
      limitedReason = "TooFewReplicas";
    }
    String lastScale = null;
    if (desired != current) {
      ObjectNode scaled = target.deepCopy();
      scaled.withObject("spec").put("replicas", desired);
      Json.metadata(scaled).remove("resourceVersion");
      api.update(targetType.get(), ns, scaled, MANAGER, false);
      lastScale = api.store().now();
    }
    writeStatus(hpa, current, desired, true, limitedReason, null, lastScale, currentMetrics);
    return Optional.of(SYNC_PERIOD);
  }

  private Integer proposal(String ns, String workload, JsonNode metric, int current, ArrayNode currentMetrics) {
    String type = metric.path("type").asString("");
    switch (type) {
      case "Resource" -> {
        String resource = metric.path("resource").path("name").asString("");
        JsonNode target = metric.path("resource").path("target");
        Optional<Double> value = metrics.utilization(ns, workload, resource);
        if (value.isEmpty() || !target.has("averageUtilization")) {
          return null;
        }
        ObjectNode m = currentMetrics.addObject();
        m.put("type", "Resource");
        m.putObject("resource").put("name", resource).putObject("current")
            .put("averageUtilization", (int) Math.round(value.get()));
        return byRatio(value.get() / target.path("averageUtilization").asDouble(), current);
      }
      case "Pods" -> {
        String name = metric.path("pods").path("metric").path("name").asString("");
        Optional<Double> value = metrics.podMetric(ns, workload, name);
        if (value.isEmpty()) {
          return null;
        }
        double target = quantity(metric.path("pods").path("target").path("averageValue"));
        ObjectNode m = currentMetrics.addObject();
        m.put("type", "Pods");
        m.putObject("pods").putObject("metric").put("name", name);
        return byRatio(value.get() / target, current);
      }
      case "External" -> {
        String name = metric.path("external").path("metric").path("name").asString("");
        Optional<Double> value = metrics.external(name);
        if (value.isEmpty()) {
          return null;
        }
        double target = quantity(metric.path("external").path("target").path("averageValue"));
        ObjectNode m = currentMetrics.addObject();
        m.put("type", "External");
        m.putObject("external").putObject("metric").put("name", name);
        // An external AverageValue target divides the total by the target per pod.
        int desired = (int) Math.ceil(value.get() / target);
        return Math.abs((double) desired / Math.max(1, current) - 1.0) <= TOLERANCE ? current : desired;
      }
      default -> {
        return null;
      }
    }
  }

  private static double quantity(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Quantities.parse(node.asString("0")).doubleValue();
  }

  /** Kubernetes' replica calculation: keep the count within the tolerance, else ceil(ratio × current). */
  static int byRatio(double usageRatio, int current) {
    if (Math.abs(usageRatio - 1.0) <= TOLERANCE) {
      return current;
    }
    return (int) Math.ceil(usageRatio * current);
  }

  /** Scale-down takes the highest recommendation of the window (300 s by default); scale-up the lowest (0 s). */
  private int stabilise(String key, JsonNode spec, int proposal, int current, Instant now) {
    long downWindow = spec.path("behavior").path("scaleDown").path("stabilizationWindowSeconds").asLong(300);
    long upWindow = spec.path("behavior").path("scaleUp").path("stabilizationWindowSeconds").asLong(0);
    Deque<Recommendation> recs = history.computeIfAbsent(key, k -> new ArrayDeque<>());
    recs.addLast(new Recommendation(now, proposal));
    Instant oldest = now.minusSeconds(Math.max(downWindow, upWindow));
    while (!recs.isEmpty() && recs.peekFirst().at().isBefore(oldest)) {
      recs.removeFirst();
    }
    int upMin = proposal;
    int downMax = proposal;
    for (Recommendation r : recs) {
      if (!r.at().isBefore(now.minusSeconds(upWindow))) {
        upMin = Math.min(upMin, r.replicas());
      }
      if (!r.at().isBefore(now.minusSeconds(downWindow))) {
        downMax = Math.max(downMax, r.replicas());
      }
    }
    if (proposal > current) {
      return Math.max(current, upMin);
    }
    if (proposal < current) {
      return Math.min(current, downMax);
    }
    return current;
  }

  /** The default scale-up policy: at most double, or four more pods, per period. */
  private static int rateLimit(JsonNode spec, int current, int desired) {
    if (desired > current && spec.path("behavior").path("scaleUp").path("policies").isMissingNode()) {
      int limit = Math.max(current * 2, current + 4);
      return Math.min(desired, limit);
    }
    return desired;
  }

  private void writeStatus(ObjectNode hpa, int current, int desired, boolean active, String reason, String message,
      String lastScale) {
    writeStatus(hpa, current, desired, active, reason, message, lastScale, null);
  }

  private void writeStatus(ObjectNode hpa, int current, int desired, boolean active, String reason, String message,
      String lastScale, ArrayNode currentMetrics) {
    ObjectNode updated = hpa.deepCopy();
    ObjectNode status = Json.object();
    status.put("currentReplicas", current);
    status.put("desiredReplicas", desired);
    String previousScale = hpa.path("status").path("lastScaleTime").asString(null);
    if (lastScale != null || previousScale != null) {
      status.put("lastScaleTime", lastScale != null ? lastScale : previousScale);
    }
    if (currentMetrics != null && !currentMetrics.isEmpty()) {
      status.set("currentMetrics", currentMetrics);
    }
    ArrayNode conditions = status.putArray("conditions");
    condition(hpa, conditions, "AbleToScale", active || !reason.equals("FailedGetScale"), active
        ? "ReadyForNewScale" : reason, active ? "recommended size matches current size" : message);
    condition(hpa, conditions, "ScalingActive", active, active ? "ValidMetricFound" : reason, active
        ? "the HPA was able to successfully calculate a replica count" : message);
    if (active) {
      boolean limited = !reason.equals("DesiredWithinRange");
      condition(hpa, conditions, "ScalingLimited", limited, reason, limited
          ? "the desired replica count is " + (reason.equals("TooManyReplicas") ? "more than the maximum" : "less than the"
          + " minimum") + " replica count" : "the desired count is within the acceptable range");
    }
    if (!status.equals(hpa.get("status"))) {
      updated.set("status", status);
      try {
        api.updateStatus(hpas, Json.text(hpa, "metadata", "namespace"), updated, MANAGER, false);
      } catch (ApiException e) {
        if (e.code() != 409 && e.code() != 404) {
          throw e;
        }
      }
    }
  }

  private void condition(ObjectNode hpa, ArrayNode out, String type, boolean status, String reason,
      String message) {
    String s = status ? "True" : "False";
    String since = api.store().now();
    for (JsonNode c : hpa.path("status").path("conditions")) {
      if (type.equals(c.path("type").asString("")) && s.equals(c.path("status").asString(""))) {
        since = c.path("lastTransitionTime").asString(since);
      }
    }
    ObjectNode c = out.addObject();
    c.put("type", type);
    c.put("status", s);
    c.put("lastTransitionTime", since);
    c.put("reason", reason);
    c.put("message", message);
  }
}
