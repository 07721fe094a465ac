package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Status conditions of Deployments and ReplicaSets with the upstream list semantics: setting a condition with the
 * same status and reason is a no-op; otherwise the old entry is removed and the new one <em>appended</em> (so the list
 * order changes over time), keeping the old lastTransitionTime when only the reason changed.
 */
final class Conditions {

  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private Conditions() {
  }

  /** The condition of this type, or null. */
  static ObjectNode find(JsonNode conditions, String type) {
    if (conditions == null || !conditions.isArray()) {
      return null;
    }
    for (JsonNode c : conditions) {
      if (c instanceof ObjectNode o && type.equals(o.path("type").asString(""))) {
        return o;
      }
    }
    return null;
  }

  /** {@code NewDeploymentCondition}: both times are now. */
  static ObjectNode deployment(String type, String status, String reason, String message, String now) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastUpdateTime", now);
    c.put("lastTransitionTime", now);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /** {@code NewReplicaSetCondition}. */
  static ObjectNode replicaSet(String type, String status, String reason, String message, String now) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastTransitionTime", now);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /** {@code ReplicaSetToDeploymentCondition}. */
  static ObjectNode fromReplicaSet(JsonNode rsCondition) {
    ObjectNode c = Json.object();
    c.put("type", rsCondition.path("type").asString(""));
    c.put("status", rsCondition.path("status").asString(""));
    JsonNode transition = rsCondition.get("lastTransitionTime");
    if (transition != null) {
      c.set("lastUpdateTime", transition.deepCopy());
      c.set("lastTransitionTime", transition.deepCopy());
    }
    c.put("reason", rsCondition.path("reason").asString(""));
    c.put("message", rsCondition.path("message").asString(""));
    return c;
  }

  /**
   * {@code SetDeploymentCondition} / {@code SetCondition}.
   *
   * @param keepTransitionTime whether an unchanged status keeps the old lastTransitionTime (Deployments do)
   */
  static void set(ArrayNode conditions, ObjectNode condition, boolean keepTransitionTime) {
    String type = condition.path("type").asString("");
    ObjectNode current = find(conditions, type);
    String status = condition.path("status").asString("");
    if (current != null && status.equals(current.path("status").asString(""))
        && condition.path("reason").asString("").equals(current.path("reason").asString(""))) {
      return;
    }
    if (keepTransitionTime && current != null && status.equals(current.path("status").asString(""))
        && current.get("lastTransitionTime") != null) {
      condition.set("lastTransitionTime", current.get("lastTransitionTime").deepCopy());
    }
    remove(conditions, type);
    conditions.add(condition);
  }

  static void remove(ArrayNode conditions, String type) {
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if (type.equals(conditions.get(i).path("type").asString(""))) {
        conditions.remove(i);
      }
    }
  }
}
