package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.MetricProposals.Proposal;
import dev.keelson.testkit.internal.metricsserver.MetricsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The horizontal pod autoscaler (autoscaling/v2) on the virtual clock. Every 15 s it asks each metric for a replica
 * count ({@link MetricProposals}: Resource metrics from the simulated metrics-server, computed per pod as
 * {@link ReplicaCalculator} does), takes the largest, applies the behaviour (scale-up at most 100% or 4 pods per
 * 15 s, scale-down stabilised over 300 s counting from the first evaluation unless configured otherwise), clamps to
 * min/max and scales the target. A target outside min/max is brought inside without metrics; one scaled to zero is
 * left alone.
 */
public final class HorizontalPodAutoscalerController implements Controller {

  static final Duration SYNC_PERIOD = Duration.ofSeconds(15);
  private static final String MANAGER = "kube-controller-manager";

  private record Recommendation(Instant at, int replicas) {
  }

  private final ApiServer api;
  private final MetricProposals metrics;
  private final ResourceType hpas;
  private final Map<String, Deque<Recommendation>> history = new ConcurrentHashMap<>();

  public HorizontalPodAutoscalerController(ApiServer api, MetricsServer metricsServer, ScriptedMetrics scripted) {
    this.api = api;
    this.metrics = new MetricProposals(api, metricsServer, scripted);
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
    Instant now = api.store().clock().instant();
    // As upstream, the first evaluation's replicas count as a recommendation: no scale-down within the window.
    history.computeIfAbsent(key, k -> new ArrayDeque<>(List.of(new Recommendation(now, current))));
    if (current == 0 && min != 0) {
      writeStatus(hpa, current, current, false, "ScalingDisabled", "scaling is disabled since the replica count "
          + "of the target is zero", null);
      return Optional.of(SYNC_PERIOD);
    }
    int desired;
    String limitedReason = "DesiredWithinRange";
    ArrayNode currentMetrics = Json.NODES.arrayNode();
    String metricName = null;
    if (current > max || current < min) {
      desired = current > max ? max : min;
      limitedReason = current > max ? "TooManyReplicas" : "TooFewReplicas";
    } else {
      Proposal best = null;
      Proposal firstFailure = null;
      for (JsonNode m : metricSpecs(spec)) {
        Proposal p = metrics.propose(ns, target, m, current);
        if (p.isFailure()) {
          firstFailure = firstFailure == null ? p : firstFailure;
        } else {
          currentMetrics.add(p.status());
          best = best == null || p.replicas() > best.replicas() ? p : best;
        }
      }
      // All metrics failing, or some failing while the others would scale down: nothing moves.
      if (firstFailure != null && (best == null || best.replicas() < current)) {
        writeStatus(hpa, current, current, false, firstFailure.failureReason(), firstFailure.failure(), null);
        return Optional.of(SYNC_PERIOD);
      }
      if (best == null) {
        return Optional.of(SYNC_PERIOD);
      }
      metricName = best.name();
      desired = rateLimit(spec, current, stabilise(key, spec, best.replicas(), current, now));
      if (desired > max) {
        desired = max;
        limitedReason = "TooManyReplicas";
      } else if (desired < min) {
        desired = min;
        limitedReason = "TooFewReplicas";
      }
    }
    String lastScale = null;
    if (desired != current) {
      ObjectNode scaled = target.deepCopy();
      scaled.withObject("spec").put("replicas", desired);
      Json.metadata(scaled).remove("resourceVersion");
      api.update(targetType.get(), ns, scaled, MANAGER, false);
      lastScale = api.store().now();
    }
    writeStatus(hpa, current, desired, true, limitedReason, metricName, lastScale, currentMetrics);
    return Optional.of(SYNC_PERIOD);
  }

  /**
   * {@code spec.metrics}, or what the API server makes of their absence: autoscaling/v1's
   * {@code targetCPUUtilizationPercentage}, else autoscaling/v2's default of 80% CPU.
   */
  private static JsonNode metricSpecs(JsonNode spec) {
    if (!spec.path("metrics").isEmpty()) {
      return spec.path("metrics");
    }
    ArrayNode cpu = Json.NODES.arrayNode();
    cpu.addObject().put("type", "Resource").putObject("resource").put("name", "cpu").putObject("target")
        .put("type", "Utilization").put("averageUtilization", spec.path("targetCPUUtilizationPercentage").asInt(80));
    return cpu;
  }

  /** Scale-down takes the highest recommendation of the window (300 s by default); scale-up the lowest (0 s). */
  private int stabilise(String key, JsonNode spec, int proposal, int current, Instant now) {
    long downWindow = spec.path("behavior").path("scaleDown").path("stabilizationWindowSeconds").asLong(300);
    long upWindow = spec.path("behavior").path("scaleUp").path("stabilizationWindowSeconds").asLong(0);
    Deque<Recommendation> recs = history.get(key);
    recs.addLast(new Recommendation(now, proposal));
    Instant oldest = now.minusSeconds(Math.max(downWindow, upWindow));
    while (!recs.isEmpty() && recs.peekFirst().at().isBefore(oldest)) {
      recs.removeFirst();
    }
    int upMin = proposal;
    int downMax = proposal;
    for (Recommendation r : recs) {
      // Strictly within the window, as upstream: a recommendation exactly one window old no longer counts.
      if (r.at().isAfter(now.minusSeconds(upWindow))) {
        upMin = Math.min(upMin, r.replicas());
      }
      if (r.at().isAfter(now.minusSeconds(downWindow))) {
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

  /**
   * @param message when active, the name of the metric behind the count (or null); otherwise what went wrong
   */
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
    if (active) {
      condition(hpa, conditions, "AbleToScale", true, "ReadyForNewScale", "recommended size matches current size");
    } else if (reason.equals("FailedGetScale")) {
      condition(hpa, conditions, "AbleToScale", false, reason, message);
    } else {
      condition(hpa, conditions, "AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the "
          + "target's current scale");
    }
    condition(hpa, conditions, "ScalingActive", active, active ? "ValidMetricFound" : reason, !active ? message
        : "the HPA was able to successfully calculate a replica count" + (message == null ? "" : " from " + message));
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
