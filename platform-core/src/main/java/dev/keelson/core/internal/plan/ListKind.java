package dev.keelson.core.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a list merges under server-side apply: keyed by some fields (a list-map), a set of scalars, or atomic. Read
 * from the manager's own {@code fieldsV1} when it has applied the list before, else guessed from the items.
 */
record ListKind(List<String> keys, boolean isSet) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ListKind ATOMIC = new ListKind(List.of(), false);
  private static final ListKind SET = new ListKind(List.of(), true);

  static ListKind of(String path, JsonNode desired, JsonNode owned) {
    if (owned != null) {
      for (String key : owned.propertyNames()) {
        if (key.startsWith("k:")) {
          return new ListKind(new ArrayList<>(JSON.readTree(key.substring(2)).propertyNames()), false);
        }
        if (key.startsWith("v:")) {
          return SET;
        }
      }
      if (owned.isEmpty()) {
        return ATOMIC;
      }
    }
    return guess(path, desired);
  }

  private static ListKind guess(String path, JsonNode desired) {
    if (desired.isEmpty() || !desired.get(0).isObject()) {
      return path.endsWith("finalizers") ? SET : ATOMIC;
    }
    for (List<String> candidate : List.of(List.of("name"), List.of("containerPort", "protocol"),
        List.of("port", "protocol"), List.of("mountPath"), List.of("ip"))) {
      boolean all = true;
      for (JsonNode item : desired) {
        all &= item.has(candidate.get(0));
      }
      if (all) {
        return new ListKind(candidate, false);
      }
    }
    return ATOMIC;
  }

  /** {@code name=app}, or {@code containerPort=8080,protocol=TCP}. */
  String label(JsonNode item) {
    StringJoiner label = new StringJoiner(",");
    for (String key : keys) {
      JsonNode v = item.get(key);
      if (v != null) {
        label.add(key + "=" + (v.isString() ? v.asString() : v.toString()));
      }
    }
    return label.toString();
  }

  static String keyLabel(JsonNode key) {
    StringJoiner label = new StringJoiner(",");
    for (Map.Entry<String, JsonNode> field : key.properties()) {
      JsonNode v = field.getValue();
      label.add(field.getKey() + "=" + (v.isString() ? v.asString() : v.toString()));
    }
    return label.toString();
  }

  /** The item of {@code list} with the same key as {@code item}. */
  JsonNode find(JsonNode list, JsonNode item) {
    for (JsonNode candidate : list) {
      if (sameKey(item, candidate, keys)) {
        return candidate;
      }
    }
    return null;
  }

  /** The child of the owned list node for {@code item}, or null when the manager does not own that item. */
  JsonNode ownedItem(JsonNode owned, JsonNode item) {
    if (owned == null) {
      return null;
    }
    for (Map.Entry<String, JsonNode> entry : owned.properties()) {
      if (entry.getKey().startsWith("k:")) {
        JsonNode key = JSON.readTree(entry.getKey().substring(2));
        if (sameKey(key, item, new ArrayList<>(key.propertyNames()))) {
          return entry.getValue();
        }
      }
    }
    return null;
  }

  /** The item of {@code list} whose fields match every field of {@code key} it has. */
  static JsonNode findByKey(JsonNode list, JsonNode key) {
    for (JsonNode candidate : list) {
      if (sameKey(key, candidate, new ArrayList<>(key.propertyNames()))) {
        return candidate;
      }
    }
    return null;
  }

  /** Items match when every key field present on both is equal; a field missing on one side is a default. */
  private static boolean sameKey(JsonNode a, JsonNode b, List<String> keys) {
    boolean any = false;
    for (String key : keys) {
      JsonNode x = a.get(key);
      JsonNode y = b.get(key);
      if (x != null && y != null) {
        if (!ObjectDiff.scalarEquals("", x, y)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }
}
