package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scheduler, kubelet and node controller need of a Node, parsed once per change.
 *
 * @param ready the {@code Ready} condition's status ({@code True}, {@code False}, {@code Unknown}) or null
 */
record NodeInfo(String name, Map<String, String> labels, List<Taint> taints, boolean unschedulable,
    long cpuMilli, long memory, long pods, String ready) {

  static NodeInfo parse(ObjectNode node) {
    JsonNode alloc = node.path("status").path("allocatable");
    String ready = null;
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString(""))) {
        ready = c.path("status").asString("");
      }
    }
    return new NodeInfo(Json.text(node, "metadata", "name"), Map.copyOf(Json.labels(node)),
        Taint.parse(node.path("spec").get("taints")), node.path("spec").path("unschedulable").asBoolean(false),
        Quantities.milli(alloc.get("cpu")), Quantities.units(alloc.get("memory")), Quantities.units(alloc.get("pods")),
        ready);
  }

  /** Whether anything the scheduler filters on differs (readiness is reflected through taints). */
  boolean schedulingDiffers(NodeInfo other) {
    return other == null || !labels.equals(other.labels) || !taints.equals(other.taints)
        || unschedulable != other.unschedulable || cpuMilli != other.cpuMilli || memory != other.memory
        || pods != other.pods;
  }
}
