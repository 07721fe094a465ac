package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions}) evaluated directly on JSON, without
 * building label maps: the hot path of every ReplicaSet and Deployment sync.
 */
public final class LabelSelectors {

  private LabelSelectors() {
  }

  /**
   * Whether the selector matches the labels object (which may be null). A null selector matches nothing and an
   * empty one everything, as {@code metav1.LabelSelectorAsSelector} does.
   */
  public static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null || !selector.isObject()) {
      return false;
    }
    JsonNode matchLabels = selector.get("matchLabels");
    if (matchLabels != null && matchLabels.isObject()) {
      for (var e : matchLabels.properties()) {
        JsonNode actual = labels == null ? null : labels.get(e.getKey());
        if (actual == null || !actual.isString() || !actual.asString().equals(e.getValue().asString(""))) {
          return false;
        }
      }
    }
    JsonNode expressions = selector.get("matchExpressions");
    if (expressions != null && expressions.isArray()) {
      for (JsonNode expression : expressions) {
        if (!matchesExpression(expression, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matchesExpression(JsonNode expression, JsonNode labels) {
    String key = expression.path("key").asString("");
    JsonNode actual = labels == null ? null : labels.get(key);
    String value = actual != null && actual.isString() ? actual.asString() : null;
    String operator = expression.path("operator").asString("");
    return switch (operator) {
      case "In" -> value != null && contains(expression.get("values"), value);
      case "NotIn" -> value == null || !contains(expression.get("values"), value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  private static boolean contains(JsonNode values, String value) {
    if (values == null || !values.isArray()) {
      return false;
    }
    for (JsonNode v : values) {
      if (value.equals(v.asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** The empty selector {@code {}}, which selects everything: Deployments refuse to act on it. */
  static boolean isEmpty(JsonNode selector) {
    if (selector == null || !selector.isObject()) {
      return false;
    }
    JsonNode matchLabels = selector.get("matchLabels");
    JsonNode expressions = selector.get("matchExpressions");
    return (matchLabels == null || matchLabels.isEmpty()) && (expressions == null || expressions.isEmpty());
  }

  /** A copy of the selector with {@code matchLabels[key] = value} added. */
  static ObjectNode withLabel(JsonNode selector, String key, String value) {
    ObjectNode copy = selector != null && selector.isObject() ? (ObjectNode) selector.deepCopy()
        : Json.object();
    Nodes.object(copy, "matchLabels").put(key, value);
    return copy;
  }
}
