package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * client-go's legacy event recorder for one controller: writes a core/v1 Event per call, named
 * {@code <object>.<hex nanoseconds>} like {@code record.makeEvent}, with {@code source.component} and
 * {@code reportingComponent} set to the controller's name. Events are best effort: a failed write is dropped.
 */
final class EventRecorder {

  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";

  private final ApiServer api;
  private final ResourceType events;
  private final String component;
  private long lastNanos;

  EventRecorder(ApiServer api, String component) {
    this.api = api;
    this.events = api.type("v1", "Event");
    this.component = component;
  }

  void normal(JsonNode involved, String reason, String message) {
    record(involved, NORMAL, reason, message);
  }

  void warning(JsonNode involved, String reason, String message) {
    record(involved, WARNING, reason, message);
  }

  void record(JsonNode involved, String type, String reason, String message) {
    String namespace = Nodes.stringAt(involved, "metadata", "namespace");
    String name = Nodes.stringAt(involved, "metadata", "name");
    String now = api.store().now();
    ObjectNode event = Json.object();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    ObjectNode meta = event.putObject("metadata");
    meta.put("name", name + "." + Long.toHexString(nextNanos()));
    meta.put("namespace", namespace);
    ObjectNode ref = event.putObject("involvedObject");
    ref.put("kind", Nodes.stringAt(involved, "kind"));
    ref.put("namespace", namespace);
    ref.put("name", name);
    ref.put("uid", Nodes.stringAt(involved, "metadata", "uid"));
    ref.put("apiVersion", Nodes.stringAt(involved, "apiVersion"));
    ref.put("resourceVersion", Nodes.stringAt(involved, "metadata", "resourceVersion"));
    event.put("reason", reason);
    event.put("message", message);
    event.putObject("source").put("component", component);
    event.put("firstTimestamp", now);
    event.put("lastTimestamp", now);
    event.put("count", 1);
    event.put("type", type);
    event.putNull("eventTime");
    event.put("reportingComponent", component);
    event.put("reportingInstance", "");
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        api.createStored(events, namespace, event, "kube-controller-manager", false);
        return;
      } catch (ApiException e) {
        if (e.code() != 409) {
          return;
        }
        meta.put("name", name + "." + Long.toHexString(nextNanos()));
      }
    }
  }

  /** Nanoseconds since the epoch on the virtual clock, strictly increasing per recorder. */
  private long nextNanos() {
    Instant now = api.store().clock().instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNanos = Math.max(nanos, lastNanos + 1);
    return lastNanos;
  }
}
