package dev.keelson.core.internal.events;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.events.PlatformEvent;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One event as one line of JSON, fields in a fixed order. */
public final class EventJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EventJson() {
  }

  public static String line(PlatformEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", event.time().toString());
    node.put("type", event.type());
    node.put("severity", event.severity().name());
    node.put("reason", event.reason());
    node.put("correlationId", event.correlationId());
    event.target().ifPresent(t -> ref(node.putObject("target"), t));
    node.put("message", event.message());
    Map<String, String> attributes = new TreeMap<>(event.attributes());
    if (!attributes.isEmpty()) {
      ObjectNode a = node.putObject("attributes");
      attributes.forEach(a::put);
    }
    return JSON.writeValueAsString(node);
  }

  /** Writes an object reference's fields into {@code node}; the namespace only when there is one. */
  public static void ref(ObjectNode node, ObjectRef ref) {
    node.put("apiVersion", ref.apiVersion());
    node.put("kind", ref.kind());
    if (!ref.namespace().isEmpty()) {
      node.put("namespace", ref.namespace());
    }
    node.put("name", ref.name());
  }
}
