package dev.keelson.testkit.internal.controller.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A pod's required node affinity ({@code requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms}):
 * terms are ORed, the expressions of a term ANDed; {@code matchFields} supports {@code metadata.name}.
 */
record NodeAffinity(List<Term> terms) {

  record Requirement(String key, String operator, List<String> values) {
    boolean matches(String actual) {
      return switch (operator) {
        case "In" -> actual != null && values.contains(actual);
        case "NotIn" -> actual == null || !values.contains(actual);
        case "Exists" -> actual != null;
        case "DoesNotExist" -> actual == null;
        case "Gt", "Lt" -> compare(actual);
        default -> false;
      };
    }

    private boolean compare(String actual) {
      if (actual == null || values.size() != 1) {
        return false;
      }
      try {
        long a = Long.parseLong(actual);
        long b = Long.parseLong(values.get(0));
        return operator.equals("Gt") ? a > b : a < b;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  record Term(List<Requirement> expressions, List<Requirement> fields) {
    boolean matches(String nodeName, Map<String, String> labels) {
      if (expressions.isEmpty() && fields.isEmpty()) {
        return false;
      }
      for (Requirement r : expressions) {
        if (!r.matches(labels.get(r.key()))) {
          return false;
        }
      }
      for (Requirement r : fields) {
        if (!r.matches(r.key().equals("metadata.name") ? nodeName : null)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The required affinity of a pod spec, or null when it has none. */
  static NodeAffinity parse(JsonNode spec) {
    JsonNode terms = spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")
        .path("nodeSelectorTerms");
    if (!terms.isArray()) {
      return null;
    }
    List<Term> out = new ArrayList<>();
    for (JsonNode t : terms) {
      out.add(new Term(requirements(t.path("matchExpressions")), requirements(t.path("matchFields"))));
    }
    return new NodeAffinity(List.copyOf(out));
  }

  private static List<Requirement> requirements(JsonNode list) {
    List<Requirement> out = new ArrayList<>();
    for (JsonNode r : list) {
      List<String> values = new ArrayList<>();
      r.path("values").forEach(v -> values.add(v.asString("")));
      out.add(new Requirement(r.path("key").asString(""), r.path("operator").asString(""), List.copyOf(values)));
    }
    return List.copyOf(out);
  }

  boolean matches(String nodeName, Map<String, String> labels) {
    for (Term t : terms) {
      if (t.matches(nodeName, labels)) {
        return true;
      }
    }
    return false;
  }
}
