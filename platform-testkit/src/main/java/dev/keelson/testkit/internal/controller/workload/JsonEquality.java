package dev.keelson.testkit.internal.controller.workload;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Equality of JSON trees as the controllers need it: numbers compare by value whatever their node type (an int
 * parsed from a request equals a long written by a controller), and, in the semantic mode used for pod templates,
 * an absent field equals null, an empty object and an empty array, like {@code apiequality.Semantic.DeepEqual} on
 * Go structs where nil and empty maps and slices are equal.
 */
final class JsonEquality {

  private JsonEquality() {
  }

  /** Structural equality with numbers compared by value. */
  static boolean equal(JsonNode a, JsonNode b) {
    return equal(a, b, false);
  }

  /** Equality that also treats absent, null, {@code {}} and {@code []} as the same. */
  static boolean semanticallyEqual(JsonNode a, JsonNode b) {
    return equal(a, b, true);
  }

  private static boolean equal(JsonNode a, JsonNode b, boolean semantic) {
    if (a == b) {
      return true;
    }
    if (semantic && isEmpty(a) && isEmpty(b)) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() && b.isIntegralNumber()) {
        return a.asLong() == b.asLong();
      }
      return a.asDouble() == b.asDouble();
    }
    if (a.isObject() && b.isObject() && !semantic) {
      if (a.size() != b.size()) {
        return false;
      }
      for (var e : a.properties()) {
        if (!equal(e.getValue(), b.get(e.getKey()), false)) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new HashSet<>(a.propertyNames());
      keys.addAll(b.propertyNames());
      for (String k : keys) {
        if (!equal(a.get(k), b.get(k), semantic)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i), semantic)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainer() && n.isEmpty());
  }
}
