package dev.keelson.testkit.internal.series;

import dev.keelson.core.validation.Quantities;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows every pod of the simulated cluster from the store's change feed: its labels, controller chain, containers
 * and lifetime (first container start to deletion or completion). Ended pods are remembered, up to a bound, because
 * Prometheus keeps their history: a rate over the last five minutes still counts a pod deleted two minutes ago.
 */
public final class PodTracker {

  private static final int MAX_ENDED = 10_000;
  private static final int MAX_OWNER_DEPTH = 4;

  private final ObjectStore store;
  private final Map<String, ResourceType> ownerTypes;
  private final Map<String, TrackedPod> pods = new ConcurrentHashMap<>();

  /**
   * @param ownerTypes the resource types a pod's controller chain may pass through, by kind (ReplicaSet, Job, ...)
   */
  public PodTracker(ObjectStore store, Map<String, ResourceType> ownerTypes) {
    this.store = store;
    this.ownerTypes = Map.copyOf(ownerTypes);
    store.watchAll(this::onEvent);
  }

  /** Every pod seen, live or ended (the most recently ended ones only). */
  List<TrackedPod> pods() {
    return List.copyOf(pods.values());
  }

  /** The pod with this uid, live or recently ended, or null. */
  TrackedPod pod(String uid) {
    return pods.get(uid);
  }

  private void onEvent(WatchEvent event) {
    ResourceType type = event.resource();
    if (!type.plural().equals("pods") || !type.group().isEmpty()) {
      return;
    }
    ObjectNode pod = event.object();
    String uid = Json.text(pod, "metadata", "uid");
    if (uid == null) {
      return;
    }
    long now = store.clock().millis();
    TrackedPod before = pods.get(uid);
    String phase = pod.path("status").path("phase").asString("");
    boolean ended = event.type().equals("DELETED") || phase.equals("Succeeded") || phase.equals("Failed");
    long created = before != null ? before.created() : now;
    long started = before != null && before.started() >= 0 ? before.started() : firstStart(pod);
    long end = before != null && before.ended() != Long.MAX_VALUE ? before.ended() : ended ? now : Long.MAX_VALUE;
    String ns = Json.text(pod, "metadata", "namespace");
    pods.put(uid, new TrackedPod(uid, ns, Json.text(pod, "metadata", "name"), Map.copyOf(Json.labels(pod)),
        owners(ns, pod), pod.path("spec").path("nodeName").asString(""), containers(pod), created, started, end));
    if (ended && (before == null || before.ended() == Long.MAX_VALUE)) {
      forgetOldestEnded();
    }
  }

  /** The earliest {@code running.startedAt} of the pod's containers, or -1. */
  private static long firstStart(ObjectNode pod) {
    long first = -1;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      String at = status.path("state").path("running").path("startedAt").asString(null);
      if (at != null) {
        long t = Instant.parse(at).toEpochMilli();
        first = first < 0 ? t : Math.min(first, t);
      }
    }
    return first;
  }

  /** The names along the controller chain: pod → ReplicaSet → Deployment, pod → Job → CronJob, pod → DaemonSet. */
  private Set<String> owners(String ns, JsonNode object) {
    Set<String> names = new LinkedHashSet<>();
    JsonNode current = object;
    for (int depth = 0; depth < MAX_OWNER_DEPTH && current != null; depth++) {
      JsonNode controller = null;
      for (JsonNode ref : current.path("metadata").path("ownerReferences")) {
        if (ref.path("controller").asBoolean(false)) {
          controller = ref;
        }
      }
      if (controller == null) {
        break;
      }
      String name = controller.path("name").asString("");
      names.add(name);
      ResourceType type = ownerTypes.get(controller.path("kind").asString(""));
      current = type == null ? null : store.get(type, ns, name);
    }
    return Set.copyOf(names);
  }

  private static List<TrackedPod.Container> containers(ObjectNode pod) {
    List<TrackedPod.Container> out = new ArrayList<>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      out.add(new TrackedPod.Container(c.path("name").asString(""), quantities(c.path("resources").path("requests")),
          quantities(c.path("resources").path("limits"))));
    }
    return List.copyOf(out);
  }

  private static Map<String, Double> quantities(JsonNode resources) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : Json.stringMap(resources).entrySet()) {
      try {
        out.put(e.getKey(), Quantities.parse(e.getValue()).doubleValue());
      } catch (IllegalArgumentException invalid) {
        // The API server rejects malformed quantities; nothing to export for one that slipped through.
      }
    }
    return Map.copyOf(out);
  }

  private void forgetOldestEnded() {
    if (pods.values().stream().filter(p -> p.ended() != Long.MAX_VALUE).count() <= MAX_ENDED) {
      return;
    }
    List<TrackedPod> ended = pods.values().stream().filter(p -> p.ended() != Long.MAX_VALUE)
        .sorted(Comparator.comparingLong(TrackedPod::ended)).toList();
    for (int i = 0; i < ended.size() - MAX_ENDED; i++) {
      pods.remove(ended.get(i).uid());
    }
  }
}
