package dev.keelson.governance.internal.policy;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON patches: the operations that turn one JSON tree into another. */
public final class JsonPatches {
  private JsonPatches() {
  }

  /** The patch from {@code before} to {@code after}: objects compared key by key, lists element by element. */
  public static ArrayNode diff(JsonNode before, JsonNode after) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    diff("", before, after, ops);
    return ops;
  }

  private static void diff(String path, JsonNode before, JsonNode after, ArrayNode ops) {
    if (before.equals(after)) {
      return;
    }
    if (before.isObject() && after.isObject()) {
      for (Map.Entry<String, JsonNode> e : before.properties()) {
        if (!after.has(e.getKey())) {
          ops.add(op("remove", path + "/" + escape(e.getKey()), null));
        }
      }
      for (Map.Entry<String, JsonNode> e : after.properties()) {
        String child = path + "/" + escape(e.getKey());
        JsonNode old = before.get(e.getKey());
        if (old == null) {
          ops.add(op("add", child, e.getValue()));
        } else {
          diff(child, old, e.getValue(), ops);
        }
      }
    } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        diff(path + "/" + i, before.get(i), after.get(i), ops);
      }
    } else {
      ops.add(op("replace", path, after));
    }
  }

  private static ObjectNode op(String op, String path, JsonNode value) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op);
    o.put("path", path);
    if (value != null) {
      o.set("value", value);
    }
    return o;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
