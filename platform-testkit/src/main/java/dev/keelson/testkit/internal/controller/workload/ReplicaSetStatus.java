package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code calculateStatus} of the ReplicaSet controller, rendered as the API serialises {@code ReplicaSetStatus}:
 * {@code replicas} always, the other counters only when non-zero, {@code terminatingReplicas} always (the
 * DeploymentReplicaSetTerminatingReplicas gate is on), {@code observedGeneration} = {@code metadata.generation}.
 */
final class ReplicaSetStatus {

  private ReplicaSetStatus() {
  }

  /**
   * @param active the claimed active pods as listed before this sync created or deleted any
   * @param terminating claimed pods being deleted that are not terminal
   * @param failure the error of this sync's pod creations or deletions, or null
   */
  static ObjectNode calculate(JsonNode rs, List<ObjectNode> active, int terminating, ApiException failure,
      int minReadySeconds, Instant now, String nowText) {
    JsonNode templateLabels = Nodes.at(rs, "spec", "template", "metadata", "labels");
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (ObjectNode pod : active) {
      if (hasAll(Nodes.at(pod, "metadata", "labels"), templateLabels)) {
        fullyLabeled++;
      }
      if (PodState.ready(pod)) {
        ready++;
        if (PodState.available(pod, minReadySeconds, now)) {
          available++;
        }
      }
    }
    ArrayNode conditions = Json.NODES.arrayNode();
    JsonNode old = Nodes.at(rs, "status", "conditions");
    if (old != null && old.isArray()) {
      for (JsonNode c : old) {
        conditions.add(c.deepCopy());
      }
    }
    ObjectNode failureCondition = Conditions.find(conditions, Conditions.REPLICA_FAILURE);
    if (failure != null && failureCondition == null) {
      int diff = active.size() - Nodes.intAt(rs, 1, "spec", "replicas");
      String reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
      Conditions.set(conditions, Conditions.replicaSet(Conditions.REPLICA_FAILURE, "True", reason,
          failure.getMessage(), nowText), false);
    } else if (failure == null && failureCondition != null) {
      Conditions.remove(conditions, Conditions.REPLICA_FAILURE);
    }
    ObjectNode status = Json.object();
    status.put("replicas", active.size());
    Nodes.putOmitEmpty(status, "fullyLabeledReplicas", fullyLabeled);
    Nodes.putOmitEmpty(status, "readyReplicas", ready);
    Nodes.putOmitEmpty(status, "availableReplicas", available);
    status.put("terminatingReplicas", terminating);
    long generation = Nodes.longAt(rs, 0, "metadata", "generation");
    if (generation != 0) {
      status.put("observedGeneration", generation);
    }
    if (!conditions.isEmpty()) {
      status.set("conditions", conditions);
    }
    return status;
  }

  /** Whether every template label is on the pod with the same value. */
  private static boolean hasAll(JsonNode labels, JsonNode required) {
    if (required == null || !required.isObject()) {
      return true;
    }
    for (var e : required.properties()) {
      JsonNode actual = labels == null ? null : labels.get(e.getKey());
      if (actual == null || !actual.asString("").equals(e.getValue().asString(""))) {
        return false;
      }
    }
    return true;
  }
}
