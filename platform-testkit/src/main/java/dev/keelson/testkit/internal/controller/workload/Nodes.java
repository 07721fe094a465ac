package dev.keelson.testkit.internal.controller.workload;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lenient reads of JSON object fields for the workload controllers: absent, null or mistyped values fall back to a
 * default instead of throwing, as Go's zero values do.
 */
final class Nodes {

  private Nodes() {
  }

  /** The child at a path of field names, or null when any step is missing. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n == null || n.isNull() ? null : n;
  }

  static int intAt(JsonNode node, int fallback, String... path) {
    JsonNode n = at(node, path);
    return n != null && n.isNumber() ? n.asInt() : fallback;
  }

  /** An integer field, or null when absent (Go's {@code *int32}). */
  static Integer optionalInt(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n != null && n.isNumber() ? n.asInt() : null;
  }

  static long longAt(JsonNode node, long fallback, String... path) {
    JsonNode n = at(node, path);
    return n != null && n.isNumber() ? n.asLong() : fallback;
  }

  static String stringAt(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n != null && n.isString() ? n.asString() : null;
  }

  static boolean boolAt(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n != null && n.isBoolean() && n.asBoolean();
  }

  /** An RFC 3339 timestamp field, or null when absent or unparsable. */
  static Instant instantAt(JsonNode node, String... path) {
    String s = stringAt(node, path);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The object at {@code field} of {@code parent}, created (or replaced when not an object) as needed. */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** Puts an int, or removes the field when the value is zero (Go's {@code omitempty}). */
  static void putOmitEmpty(ObjectNode o, String field, int value) {
    if (value == 0) {
      o.remove(field);
    } else {
      o.put(field, value);
    }
  }
}
