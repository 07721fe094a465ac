package dev.keelson.testkit.internal.controller.node;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A pod toleration ({@code spec.tolerations[]}) and the API's {@code ToleratesTaint} rule.
 *
 * @param seconds {@code tolerationSeconds}, or null for "forever"
 */
record Toleration(String key, String operator, String value, String effect, Long seconds) {

  static List<Toleration> parse(JsonNode tolerations) {
    List<Toleration> out = new ArrayList<>();
    if (tolerations != null && tolerations.isArray()) {
      for (JsonNode t : tolerations) {
        out.add(new Toleration(t.path("key").asString(""), t.path("operator").asString(""),
            t.path("value").asString(""), t.path("effect").asString(""),
            t.hasNonNull("tolerationSeconds") ? t.get("tolerationSeconds").asLong() : null));
      }
    }
    return List.copyOf(out);
  }

  boolean tolerates(Taint taint) {
    if (!effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    return switch (operator) {
      case "", "Equal" -> value.equals(taint.value() == null ? "" : taint.value());
      case "Exists" -> true;
      default -> false;
    };
  }

  static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    for (Toleration t : tolerations) {
      if (t.tolerates(taint)) {
        return true;
      }
    }
    return false;
  }
}
