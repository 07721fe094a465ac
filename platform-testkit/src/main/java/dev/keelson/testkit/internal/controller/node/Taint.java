package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node taint ({@code spec.taints[]}).
 *
 * @param timeAdded RFC 3339 time the taint was added (NoExecute taints written by the node controller), or null
 */
public record Taint(String key, String value, String effect, String timeAdded) {

  public static final String NO_SCHEDULE = "NoSchedule";
  public static final String NO_EXECUTE = "NoExecute";
  public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";

  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

  public Taint(String key, String value, String effect) {
    this(key, value == null ? "" : value, effect, null);
  }

  static List<Taint> parse(JsonNode taints) {
    List<Taint> out = new ArrayList<>();
    if (taints != null && taints.isArray()) {
      for (JsonNode t : taints) {
        out.add(new Taint(t.path("key").asString(""), t.path("value").asString(""),
            t.path("effect").asString(""), t.hasNonNull("timeAdded") ? t.get("timeAdded").asString() : null));
      }
    }
    return List.copyOf(out);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("key", key);
    if (value != null && !value.isEmpty()) {
      o.put("value", value);
    }
    o.put("effect", effect);
    if (timeAdded != null) {
      o.put("timeAdded", timeAdded);
    }
    return o;
  }

  /** Same key and effect (the identity the node controller uses when swapping taints). */
  boolean sameKeyEffect(Taint other) {
    return key.equals(other.key) && effect.equals(other.effect);
  }

  /** How the scheduler names it in {@code node(s) had untolerated taint {key: value}}. */
  String describe() {
    return "{" + key + ": " + (value == null ? "" : value) + "}";
  }
}
