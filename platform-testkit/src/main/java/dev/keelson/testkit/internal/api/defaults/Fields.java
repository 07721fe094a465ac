package dev.keelson.testkit.internal.api.defaults;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The few tree operations the defaulters share: Go's "if unset, set" on JSON objects. */
final class Fields {

  private Fields() {
  }

  /** The object at {@code field}, or null when absent or not an object. */
  static ObjectNode object(JsonNode parent, String field) {
    return parent != null && parent.get(field) instanceof ObjectNode o ? o : null;
  }

  /** The object at {@code field}, created when absent (a Go pointer-to-struct the defaulter allocates). */
  static ObjectNode ensure(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  /** The object items of the list at {@code field} (none when absent). */
  static List<ObjectNode> items(JsonNode parent, String field) {
    List<ObjectNode> out = new ArrayList<>();
    if (parent != null && parent.get(field) != null) {
      for (JsonNode item : parent.get(field)) {
        if (item instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** Whether the field is unset as Go sees it: absent, null, or (for strings) empty. */
  static boolean unset(ObjectNode parent, String field) {
    JsonNode v = parent.get(field);
    return v == null || v.isNull() || (v.isString() && v.asString().isEmpty());
  }

  /** Whether an int field is unset or zero (Go's zero value for non-pointer ints). */
  static boolean zero(ObjectNode parent, String field) {
    JsonNode v = parent.get(field);
    return v == null || v.isNull() || (v.isNumber() && v.asLong() == 0);
  }

  static void defaultText(ObjectNode parent, String field, String value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  static void defaultInt(ObjectNode parent, String field, int value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  static void defaultBoolean(ObjectNode parent, String field, boolean value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }
}
