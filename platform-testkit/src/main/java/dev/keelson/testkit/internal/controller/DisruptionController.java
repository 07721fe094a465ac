package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.PodDisruption;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' disruption controller: keeps each PodDisruptionBudget's status (expectedPods, desiredHealthy,
 * currentHealthy, disruptionsAllowed, disruptedPods, observedGeneration, the DisruptionAllowed condition) in line
 * with the pods it selects.
 */
public final class DisruptionController implements Controller {

  /** How long an eviction the API server recorded counts as a disruption in progress. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  private final ApiServer api;
  private final ResourceType pods;
  private final ResourceType pdbs;

  public DisruptionController(ApiServer api) {
    this.api = api;
    this.pods = api.type("v1", "Pod");
    this.pdbs = api.type("policy/v1", "PodDisruptionBudget");
  }

  @Override
  public String name() {
    return "disruption";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    String ns = Json.text(event.object(), "metadata", "namespace");
    if (event.resource().sameResource(pdbs)) {
      queue.add(ns + "/" + Json.text(event.object(), "metadata", "name"));
    } else if (event.resource().sameResource(pods)) {
      for (ObjectNode pdb : api.store().snapshot(pdbs, ns, Selector.everything())) {
        queue.add(ns + "/" + Json.text(pdb, "metadata", "name"));
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode pdb = api.store().get(pdbs, ns, key.substring(slash + 1));
    if (pdb == null) {
      return Optional.empty();
    }
    List<ObjectNode> matched = api.store().snapshot(pods, ns, Selector.everything()).stream()
        .filter(p -> PodDisruption.selects(pdb, Json.labels(p)))
        .toList();
    Instant now = api.store().clock().instant();
    ObjectNode disrupted = Json.object();
    Optional<Duration> recheck = Optional.empty();
    JsonNode recorded = pdb.path("status").path("disruptedPods");
    Set<String> present = new HashSet<>();
    matched.forEach(p -> {
      if (!p.path("metadata").has("deletionTimestamp")) {
        present.add(Json.text(p, "metadata", "name"));
      }
    });
    for (Map.Entry<String, JsonNode> e : recorded.properties()) {
      Instant at = Instant.parse(e.getValue().asString());
      Instant expires = at.plus(DELETION_TIMEOUT);
      if (present.contains(e.getKey()) && expires.isAfter(now)) {
        disrupted.put(e.getKey(), e.getValue().asString());
        Duration wait = Duration.between(now, expires);
        recheck = Optional.of(recheck.map(r -> r.compareTo(wait) < 0 ? r : wait).orElse(wait));
      }
    }
    int expected = expectedPods(pdb, matched);
    int desired = desiredHealthy(pdb, expected);
    int healthy = 0;
    for (ObjectNode p : matched) {
      if (!p.path("metadata").has("deletionTimestamp") && !disrupted.has(Json.text(p, "metadata", "name"))
          && PodDisruption.isReady(p)) {
        healthy++;
      }
    }
    int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    ObjectNode updated = pdb.deepCopy();
    ObjectNode status = Json.object();
    status.put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
    if (!disrupted.isEmpty()) {
      status.set("disruptedPods", disrupted);
    }
    status.put("disruptionsAllowed", allowed);
    status.put("currentHealthy", healthy);
    status.put("desiredHealthy", desired);
    status.put("expectedPods", expected);
    status.set("conditions", condition(pdb, allowed > 0));
    if (!status.equals(pdb.get("status"))) {
      updated.set("status", status);
      api.updateStatus(pdbs, ns, updated, "kube-controller-manager", false);
    }
    return recheck;
  }

  private JsonNode condition(ObjectNode pdb, boolean allowed) {
    String reason = allowed ? "SufficientPods" : "InsufficientPods";
    String status = allowed ? "True" : "False";
    for (JsonNode c : pdb.path("status").path("conditions")) {
      if ("DisruptionAllowed".equals(c.path("type").asString("")) && status.equals(c.path("status").asString(""))
          && reason.equals(c.path("reason").asString(""))) {
        return pdb.path("status").get("conditions");
      }
    }
    var list = Json.NODES.arrayNode();
    ObjectNode c = list.addObject();
    c.put("type", "DisruptionAllowed");
    c.put("status", status);
    c.put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
    c.put("lastTransitionTime", api.store().now());
    c.put("reason", reason);
    c.put("message", "");
    return list;
  }

  /** The number of pods the budget is about: pods matched, or the scale of their controllers for percentages. */
  private int expectedPods(ObjectNode pdb, List<ObjectNode> matched) {
    JsonNode minAvailable = pdb.path("spec").get("minAvailable");
    boolean countPods = minAvailable != null && minAvailable.isNumber();
    if (countPods) {
      return matched.size();
    }
    Map<String, Integer> scales = new java.util.HashMap<>();
    int uncontrolled = 0;
    for (ObjectNode p : matched) {
      Optional<Map.Entry<String, Integer>> scale = controllerScale(p);
      if (scale.isPresent()) {
        scales.put(scale.get().getKey(), scale.get().getValue());
      } else {
        uncontrolled++;
      }
    }
    return scales.values().stream().mapToInt(Integer::intValue).sum() + uncontrolled;
  }

  /** The top controller of a pod (Deployment over ReplicaSet) and its desired replicas. */
  private Optional<Map.Entry<String, Integer>> controllerScale(ObjectNode pod) {
    String ns = Json.text(pod, "metadata", "namespace");
    JsonNode ref = controllerRef(pod);
    if (ref == null) {
      return Optional.empty();
    }
    String kind = ref.path("kind").asString("");
    String name = ref.path("name").asString("");
    if (kind.equals("ReplicaSet")) {
      ObjectNode rs = api.store().get(api.type("apps/v1", "ReplicaSet"), ns, name);
      if (rs == null) {
        return Optional.empty();
      }
      JsonNode owner = controllerRef(rs);
      if (owner != null && owner.path("kind").asString("").equals("Deployment")) {
        ObjectNode d = api.store().get(api.type("apps/v1", "Deployment"), ns, owner.path("name").asString(""));
        if (d != null) {
          return Optional.of(Map.entry("Deployment/" + owner.path("name").asString(""),
              d.path("spec").path("replicas").asInt(1)));
        }
      }
      return Optional.of(Map.entry("ReplicaSet/" + name, rs.path("spec").path("replicas").asInt(1)));
    }
    if (kind.equals("StatefulSet")) {
      ObjectNode s = api.store().get(api.type("apps/v1", "StatefulSet"), ns, name);
      return s == null ? Optional.empty()
          : Optional.of(Map.entry("StatefulSet/" + name, s.path("spec").path("replicas").asInt(1)));
    }
    return Optional.empty();
  }

  private static JsonNode controllerRef(ObjectNode o) {
    for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  /** desiredHealthy per the disruption controller: percentages round up. */
  static int desiredHealthy(ObjectNode pdb, int expected) {
    JsonNode min = pdb.path("spec").get("minAvailable");
    JsonNode max = pdb.path("spec").get("maxUnavailable");
    if (min != null && !min.isNull()) {
      return scaled(min, expected);
    }
    if (max != null && !max.isNull()) {
      return Math.max(0, expected - scaled(max, expected));
    }
    return 0;
  }

  private static int scaled(JsonNode intOrPercent, int total) {
    if (intOrPercent.isNumber()) {
      return intOrPercent.asInt();
    }
    String s = intOrPercent.asString("0");
    if (s.endsWith("%")) {
      int pct = Integer.parseInt(s.substring(0, s.length() - 1));
      return (int) Math.ceil(pct * (double) total / 100.0);
    }
    return Integer.parseInt(s);
  }
}
