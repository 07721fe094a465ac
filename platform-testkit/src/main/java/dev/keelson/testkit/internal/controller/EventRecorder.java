package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * client-go's legacy event recorder for one component ({@code tools/record}): writes a core/v1 Event per
 * occurrence, named {@code <object>.<hex nanoseconds>} like {@code record.makeEvent}, with {@code source} and
 * {@code reportingComponent} set to the component. Like the recorder's {@code EventCorrelator}, an occurrence
 * identical to an earlier one (same source, involved object and field path, type, reason and message) is not a new
 * Event: the earlier one's {@code count} goes up and its {@code lastTimestamp} moves, which is what
 * {@code kubectl describe} shows as {@code (x5 over 3m)}. The correlation cache keeps the newest 4,096 keys, as
 * client-go's does. Events are best effort: a failed write is dropped.
 */
public final class EventRecorder {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /** client-go's {@code maxLruCacheEntries}. */
  private static final int CACHE_SIZE = 4096;

  private final ApiServer api;
  private final ResourceType events;
  private final String component;
  private final String host;
  private final String manager;
  private final Map<String, String> seen = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private long lastNanos;

  /** A kube-controller-manager controller's recorder: {@code source.component} is the controller's name. */
  public EventRecorder(ApiServer api, String component) {
    this(api, component, null, "kube-controller-manager");
  }

  /**
   * A recorder of another component.
   *
   * @param host {@code source.host} (the kubelet's node), or null
   * @param manager the field manager its writes use
   */
  public EventRecorder(ApiServer api, String component, String host, String manager) {
    this.api = api;
    this.events = api.type("v1", "Event");
    this.component = component;
    this.host = host;
    this.manager = manager;
  }

  public void normal(JsonNode involved, String reason, String message) {
    record(involved, null, NORMAL, reason, message, api.store().clock().instant());
  }

  public void warning(JsonNode involved, String reason, String message) {
    record(involved, null, WARNING, reason, message, api.store().clock().instant());
  }

  /**
   * Records one occurrence.
   *
   * @param fieldPath {@code involvedObject.fieldPath} (a container: {@code spec.containers{app}}), or null
   * @param at when it happened on the virtual clock
   */
  public synchronized void record(JsonNode involved, String fieldPath, String type, String reason, String message,
      Instant at) {
    String namespace = text(involved, "metadata", "namespace");
    // Events about cluster-scoped objects (nodes) live in "default", as client-go's recorder puts them.
    String eventNamespace = namespace.isEmpty() ? "default" : namespace;
    String name = text(involved, "metadata", "name");
    String uid = text(involved, "metadata", "uid");
    String key = String.join("\u0000", text(involved, "kind"), namespace, name, uid,
        fieldPath == null ? "" : fieldPath, type, reason, message);
    String earlier = seen.get(key);
    if (earlier != null && bump(eventNamespace, earlier, at)) {
      return;
    }
    ObjectNode event = Json.object();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    ObjectNode meta = event.putObject("metadata");
    meta.put("namespace", eventNamespace);
    ObjectNode ref = event.putObject("involvedObject");
    ref.put("kind", text(involved, "kind"));
    if (!namespace.isEmpty()) {
      ref.put("namespace", namespace);
    }
    ref.put("name", name);
    ref.put("uid", uid);
    ref.put("apiVersion", text(involved, "apiVersion"));
    ref.put("resourceVersion", text(involved, "metadata", "resourceVersion"));
    if (fieldPath != null) {
      ref.put("fieldPath", fieldPath);
    }
    event.put("reason", reason);
    event.put("message", message);
    ObjectNode source = event.putObject("source");
    source.put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    String time = ObjectStore.timestamp(at);
    event.put("firstTimestamp", time);
    event.put("lastTimestamp", time);
    event.put("count", 1);
    event.put("type", type);
    event.putNull("eventTime");
    event.put("reportingComponent", component);
    event.put("reportingInstance", host == null ? "" : host);
    // Recorders of several components name events about one object from the same virtual instant: a clash moves
    // on to the next nanosecond.
    for (int attempt = 0; attempt < 64; attempt++) {
      String eventName = name + "." + Long.toHexString(nextNanos(at));
      meta.put("name", eventName);
      try {
        api.createStored(events, eventNamespace, event, manager, false);
        seen.put(key, eventName);
        return;
      } catch (ApiException e) {
        if (e.code() != 409) {
          return;
        }
      }
    }
  }

  /** The repeat of a recorded occurrence: count + 1, lastTimestamp moved; false when that Event is gone. */
  private boolean bump(String namespace, String eventName, Instant at) {
    ObjectNode stored = api.store().get(events, namespace, eventName);
    if (stored == null) {
      return false;
    }
    stored.put("count", stored.path("count").asInt(1) + 1);
    stored.put("lastTimestamp", ObjectStore.timestamp(at));
    try {
      api.updateStored(events, namespace, stored, manager, false);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  /** Nanoseconds since the epoch, strictly increasing per recorder so that names never repeat. */
  private long nextNanos(Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    lastNanos = Math.max(nanos, lastNanos + 1);
    return lastNanos;
  }

  private static String text(JsonNode node, String... path) {
    String s = Json.text(node, path);
    return s == null ? "" : s;
  }
}
