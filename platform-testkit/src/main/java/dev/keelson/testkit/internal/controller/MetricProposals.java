package dev.keelson.testkit.internal.controller;

import dev.keelson.core.validation.Quantities;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.controller.ReplicaCalculator.MetricUnavailable;
import dev.keelson.testkit.internal.controller.ReplicaCalculator.PodMetric;
import dev.keelson.testkit.internal.controller.workload.LabelSelectors;
import dev.keelson.testkit.internal.metricsserver.MetricsServer;
import dev.keelson.testkit.internal.series.ResourceUsage.ContainerUsage;
import dev.keelson.testkit.internal.series.ResourceUsage.PodUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each metric of an autoscaler proposes, read where the real controller reads it: Resource metrics from the
 * resource metrics API (the simulated metrics-server, i.e. the pods' scripted CPU and memory), Pods and External
 * metrics from the values scripted for the custom and external metrics APIs. Object metrics are not simulated.
 */
final class MetricProposals {

  /**
   * One metric's outcome: a replica count with the metric's {@code status.currentMetrics} entry and its name for the
   * {@code ScalingActive} message, or the reason and message of a failure.
   */
  record Proposal(int replicas, ObjectNode status, String name, String failureReason, String failure) {

    static Proposal failed(String reason, String message) {
      return new Proposal(-1, null, null, reason, "the HPA was unable to compute the replica count: " + message);
    }

    boolean isFailure() {
      return failure != null;
    }
  }

  private final ApiServer api;
  private final MetricsServer metricsServer;
  private final ScriptedMetrics scripted;
  private final ResourceType pods;

  MetricProposals(ApiServer api, MetricsServer metricsServer, ScriptedMetrics scripted) {
    this.api = api;
    this.metricsServer = metricsServer;
    this.scripted = scripted;
    this.pods = api.type("v1", "Pod");
  }

  Proposal propose(String ns, ObjectNode target, JsonNode metric, int current) {
    String workload = Json.text(target, "metadata", "name");
    return switch (metric.path("type").asString("")) {
      case "Resource" -> resource(ns, target.path("spec").path("selector"), metric.path("resource"), current);
      case "Pods" -> pods(ns, workload, metric.path("pods"), current);
      case "External" -> external(ns, metric.path("external"), current);
      default -> Proposal.failed("InvalidMetricSourceType", "unknown metric source type \""
          + metric.path("type").asString("") + "\"");
    };
  }

  private Proposal resource(String ns, JsonNode selector, JsonNode source, int current) {
    String resource = source.path("name").asString("");
    JsonNode target = source.path("target");
    boolean utilization = target.has("averageUtilization");
    if (!utilization && !target.has("averageValue")) {
      return Proposal.failed("FailedGetResourceMetric", "invalid resource metric source: neither a utilization "
          + "target nor a value target was set");
    }
    Instant now = api.store().clock().instant();
    List<ObjectNode> selected = api.store().snapshot(pods, ns, Selector.everything()).stream()
        .filter(p -> LabelSelectors.matches(selector, p.path("metadata").path("labels"))).toList();
    try {
      Map<String, PodMetric> metrics = podMetrics(selected, resource);
      ReplicaCalculator.Proposal p = utilization
          ? ReplicaCalculator.forUtilization(current, target.path("averageUtilization").asInt(), resource, selected,
              metrics, now)
          : ReplicaCalculator.forAverageValue(current, ReplicaCalculator.milli(quantityText(target.path(
              "averageValue"))), resource, selected, metrics, now);
      ObjectNode status = Json.object();
      status.put("type", "Resource");
      ObjectNode currentValue = status.putObject("resource").put("name", resource).putObject("current");
      if (p.utilization() != null) {
        currentValue.put("averageUtilization", p.utilization());
      }
      currentValue.put("averageValue", Quantities.format(BigDecimal.valueOf(p.averageMilli(), 3),
          Quantities.Format.DECIMAL_SI));
      return new Proposal(p.replicas(), status, resource + " resource" + (utilization
          ? " utilization (percentage of request)" : ""), null, null);
    } catch (MetricUnavailable e) {
      return Proposal.failed("FailedGetResourceMetric", "failed to get " + resource + (utilization ? " utilization"
          : " usage") + ": " + e.getMessage());
    }
  }

  /**
   * The pods' usage of the resource in milli-units, summed over their containers, as the HPA's metrics client reads
   * it from their PodMetrics ({@code Quantity.MilliValue()} rounds up); metrics-server serves CPU and memory only.
   */
  private Map<String, PodMetric> podMetrics(List<ObjectNode> selected, String resource) {
    Map<String, PodUsage> usage = metricsServer.usage(selected);
    if (usage.isEmpty()) {
      throw new MetricUnavailable("unable to get metrics for resource " + resource + ": no metrics returned from "
          + "resource metrics API");
    }
    Map<String, PodMetric> out = new HashMap<>();
    if (!resource.equals("cpu") && !resource.equals("memory")) {
      return out;
    }
    usage.forEach((pod, u) -> {
      long milli = 0;
      for (ContainerUsage c : u.containers()) {
        milli += resource.equals("cpu") ? -Math.floorDiv(-c.nanoCores(), 1_000_000L) : c.bytes() * 1000;
      }
      if (!u.containers().isEmpty()) {
        out.put(pod, new PodMetric(milli, u.timestamp(), u.window()));
      }
    });
    return out;
  }

  private Proposal pods(String ns, String workload, JsonNode source, int current) {
    String name = source.path("metric").path("name").asString("");
    Optional<Double> value = scripted.podMetric(ns, workload, name);
    if (value.isEmpty()) {
      return Proposal.failed("FailedGetPodsMetric", "unable to get metric " + name + ": no metrics returned from "
          + "custom metrics API");
    }
    double target = quantity(source.path("target").path("averageValue"));
    ObjectNode status = Json.object();
    status.put("type", "Pods");
    status.putObject("pods").putObject("metric").put("name", name);
    double ratio = value.get() / target;
    int replicas = ReplicaCalculator.withinTolerance(ratio) ? current : (int) Math.ceil(ratio * current);
    return new Proposal(replicas, status, "pods metric " + name, null, null);
  }

  private Proposal external(String ns, JsonNode source, int current) {
    String name = source.path("metric").path("name").asString("");
    Optional<Double> value = scripted.external(name);
    if (value.isEmpty()) {
      return Proposal.failed("FailedGetExternalMetric", "failed to get " + name + " external metric: unable to get "
          + "external metric " + ns + "/" + name + "/nil: no metrics returned from external metrics API");
    }
    double target = quantity(source.path("target").path("averageValue"));
    ObjectNode status = Json.object();
    status.put("type", "External");
    status.putObject("external").putObject("metric").put("name", name);
    // An external AverageValue target divides the total by the target per pod.
    int desired = (int) Math.ceil(value.get() / target);
    int replicas = ReplicaCalculator.withinTolerance((double) desired / Math.max(1, current)) ? current : desired;
    return new Proposal(replicas, status, "external metric " + name + "(nil)", null, null);
  }

  private static String quantityText(JsonNode node) {
    return node.isNumber() ? node.asString() : node.asString("0");
  }

  private static double quantity(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Quantities.parse(node.asString("0")).doubleValue();
  }
}
