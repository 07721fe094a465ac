package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.EventRecorder;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's DaemonSet controller: one pod per node that should run it (nodeSelector, required
 * node affinity, taints against the pod's tolerations plus the daemon defaults), each pinned to its node with a
 * required {@code matchFields metadata.name} node affinity term and left to the scheduler to bind; pods on nodes
 * that no longer fit (untolerated NoExecute taint, selector) are deleted, failed pods replaced, extra pods on one
 * node removed (oldest kept). Template changes roll out with {@code RollingUpdate} (old pods deleted while at most
 * {@code maxUnavailable}, default 1, are unavailable) or wait for deletions with {@code OnDelete}. Nodes added,
 * removed or changed (labels, taints, cordon) resync every DaemonSet. Status: desiredNumberScheduled,
 * currentNumberScheduled, numberMisscheduled, numberReady, numberAvailable, numberUnavailable,
 * updatedNumberScheduled and observedGeneration.
 */
public final class DaemonSetController implements Controller {

  static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";

  private final ApiServer api;
  private final ObjectStore store;
  private final ResourceType daemonSets;
  private final ResourceType pods;
  private final ResourceType nodes;
  private final EventRecorder events;
  private final SyncRunner runner;
  private final Map<String, String> nodeSignatures = new HashMap<>();

  public DaemonSetController(ApiServer api) {
    this.api = api;
    this.store = api.store();
    this.runner = new SyncRunner("daemonset-controller", store);
    this.daemonSets = api.type("apps/v1", "DaemonSet");
    this.pods = api.type("v1", "Pod");
    this.nodes = api.type("v1", "Node");
    this.events = new EventRecorder(api, "daemonset-controller");
  }

  @Override
  public String name() {
    return "daemonset-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ResourceType type = event.resource();
    ObjectNode o = event.object();
    if (type.equals(daemonSets)) {
      queue.add(Keys.of(Nodes.stringAt(o, "metadata", "namespace"), Nodes.stringAt(o, "metadata", "name")));
    } else if (type.equals(pods)) {
      SyncRunner.queueOwner(o, "DaemonSet", queue);
    } else if (type.equals(nodes)) {
      String name = Nodes.stringAt(o, "metadata", "name");
      String signature = event.type().equals("DELETED") ? null : signature(o);
      String previous;
      synchronized (nodeSignatures) {
        previous = signature == null ? nodeSignatures.remove(name) : nodeSignatures.put(name, signature);
      }
      if (!Objects.equals(previous, signature)) {
        for (ObjectNode ds : store.snapshot(daemonSets)) {
          queue.add(Keys.of(Nodes.stringAt(ds, "metadata", "namespace"), Nodes.stringAt(ds, "metadata", "name")));
        }
      }
    }
  }

  /** What of a node the placement depends on: labels, taints and cordon (not heartbeats or conditions). */
  private static String signature(JsonNode node) {
    JsonNode labels = Nodes.at(node, "metadata", "labels");
    StringBuilder s = new StringBuilder();
    s.append(labels == null ? "{}" : labels.toString()).append('|').append(Nodes.boolAt(node, "spec", "unschedulable"));
    JsonNode taints = Nodes.at(node, "spec", "taints");
    if (taints != null) {
      for (JsonNode t : taints) {
        s.append('|').append(t.path("key").asString("")).append('=').append(t.path("value").asString(""))
            .append(':').append(t.path("effect").asString(""));
      }
    }
    return s.toString();
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return runner.reconcile(key, this::sync);
  }

  private Optional<Duration> sync(String namespace, String name, String key) {
    ObjectNode ds = store.get(daemonSets, namespace, name);
    if (ds == null) {
      runner.backoff().forget(key);
      return Optional.empty();
    }
    JsonNode template = Nodes.at(ds, "spec", "template");
    String hash = PodTemplateHash.compute(template, Nodes.optionalInt(ds, "status", "collisionCount"));
    ObjectNode podSpec = DaemonSetPlacement.withDefaultTolerations(Nodes.at(template, "spec"));
    String uid = Nodes.stringAt(ds, "metadata", "uid");
    boolean deleting = Nodes.at(ds, "metadata", "deletionTimestamp") != null;
    boolean valid = LabelSelectors.matches(Nodes.at(ds, "spec", "selector"),
        Nodes.at(template, "metadata", "labels"));
    TreeMap<String, ObjectNode> nodeList = nodesByName();
    Map<String, DaemonSetPlacement.Decision> decisions = new HashMap<>();
    for (Map.Entry<String, ObjectNode> n : nodeList.entrySet()) {
      decisions.put(n.getKey(), DaemonSetPlacement.decide(podSpec, n.getValue()));
    }
    if (!deleting && valid) {
      manage(ds, podSpec, hash, nodeList, decisions, podsByNode(uid, ds));
      if (!"OnDelete".equals(Nodes.stringAt(ds, "spec", "updateStrategy", "type"))) {
        rollingUpdate(ds, hash, decisions, podsByNode(uid, ds));
      }
    }
    TreeMap<String, List<ObjectNode>> byNode = podsByNode(uid, ds);
    writeStatus(ds, hash, decisions, byNode);
    runner.backoff().forget(key);
    List<ObjectNode> all = new ArrayList<>();
    byNode.values().forEach(all::addAll);
    return StatefulSetController.nextAvailability(all, Nodes.intAt(ds, 0, "spec", "minReadySeconds"),
        store.clock().instant());
  }

  private TreeMap<String, ObjectNode> nodesByName() {
    TreeMap<String, ObjectNode> out = new TreeMap<>();
    for (ObjectNode n : store.snapshot(nodes)) {
      out.put(Nodes.stringAt(n, "metadata", "name"), n);
    }
    return out;
  }

  /** {@code getNodesToDaemonPods}: the set's pods by target node, oldest first; pods without a target under "". */
  private TreeMap<String, List<ObjectNode>> podsByNode(String uid, JsonNode ds) {
    JsonNode selector = Nodes.at(ds, "spec", "selector");
    TreeMap<String, List<ObjectNode>> out = new TreeMap<>();
    for (ObjectStore.ObjectRef ref : store.dependents(uid)) {
      if (!ref.type().equals(pods)) {
        continue;
      }
      ObjectNode pod = store.get(pods, ref.namespace(), ref.name());
      if (pod == null || !ControllerRefs.isControlledBy(pod, uid)
          || !LabelSelectors.matches(selector, Nodes.at(pod, "metadata", "labels"))) {
        continue;
      }
      String node = DaemonSetPlacement.targetNode(pod);
      out.computeIfAbsent(node == null ? "" : node, n -> new ArrayList<>()).add(pod);
    }
    Comparator<ObjectNode> oldestFirst = Comparator
        .comparing((ObjectNode p) -> Nodes.stringAt(p, "metadata", "creationTimestamp"),
            Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(p -> Nodes.stringAt(p, "metadata", "name"));
    out.values().forEach(list -> list.sort(oldestFirst));
    return out;
  }

  /** {@code manage} / {@code podsShouldBeOnNode}: creates missing daemon pods and deletes those that must go. */
  private void manage(ObjectNode ds, ObjectNode podSpec, String hash, TreeMap<String, ObjectNode> nodeList,
      Map<String, DaemonSetPlacement.Decision> decisions, TreeMap<String, List<ObjectNode>> byNode) {
    List<String> toCreate = new ArrayList<>();
    List<ObjectNode> toDelete = new ArrayList<>();
    for (String node : nodeList.keySet()) {
      DaemonSetPlacement.Decision d = decisions.get(node);
      List<ObjectNode> daemonPods = byNode.getOrDefault(node, List.of());
      if (d.shouldRun() && daemonPods.isEmpty()) {
        toCreate.add(node);
      } else if (d.shouldContinueRunning()) {
        List<ObjectNode> running = new ArrayList<>();
        for (ObjectNode pod : daemonPods) {
          if (PodState.deleting(pod)) {
            continue;
          }
          if (PodState.terminal(pod)) {
            toDelete.add(pod);
          } else {
            running.add(pod);
          }
        }
        for (int i = 1; i < running.size(); i++) {
          toDelete.add(running.get(i));
        }
      } else {
        for (ObjectNode pod : daemonPods) {
          if (!PodState.deleting(pod)) {
            toDelete.add(pod);
          }
        }
      }
    }
    // Pods whose node is gone: upstream the pod GC removes them; the simulation has none, so the controller does.
    for (Map.Entry<String, List<ObjectNode>> e : byNode.entrySet()) {
      if (!nodeList.containsKey(e.getKey())) {
        for (ObjectNode pod : e.getValue()) {
          if (!PodState.deleting(pod)) {
            toDelete.add(pod);
          }
        }
      }
    }
    String namespace = Nodes.stringAt(ds, "metadata", "namespace");
    for (String node : toCreate) {
      ObjectNode pod = newPod(ds, podSpec, hash, node);
      try {
        ObjectNode created = api.create(pods, namespace, pod, Keys.MANAGER, false);
        events.normal(ds, "SuccessfulCreate", "Created pod: " + Nodes.stringAt(created, "metadata", "name"));
      } catch (ApiException e) {
        events.warning(ds, "FailedCreate", "Error creating: " + e.getMessage());
        throw e;
      }
    }
    for (ObjectNode pod : toDelete) {
      delete(ds, pod);
    }
  }

  private ObjectNode newPod(ObjectNode ds, ObjectNode podSpec, String hash, String node) {
    JsonNode template = Nodes.at(ds, "spec", "template");
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("generateName", PodFactory.prefix(Nodes.stringAt(ds, "metadata", "name")));
    meta.put("namespace", Nodes.stringAt(ds, "metadata", "namespace"));
    ObjectNode labels = meta.putObject("labels");
    JsonNode templateLabels = Nodes.at(template, "metadata", "labels");
    if (templateLabels instanceof ObjectNode o) {
      labels.setAll(o.deepCopy());
    }
    labels.put(TEMPLATE_GENERATION_LABEL, Long.toString(Nodes.longAt(ds, 0, "metadata", "generation")));
    labels.put(StatefulSetPods.REVISION_LABEL, hash);
    for (String field : new String[] {"annotations", "finalizers"}) {
      JsonNode value = Nodes.at(template, "metadata", field);
      if (value != null && !value.isEmpty()) {
        meta.set(field, value.deepCopy());
      }
    }
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(ds, "apps/v1", "DaemonSet"));
    ObjectNode spec = podSpec.deepCopy();
    DaemonSetPlacement.pinToNode(spec, node);
    pod.set("spec", spec);
    return pod;
  }

  private void delete(ObjectNode ds, ObjectNode pod) {
    String podName = Nodes.stringAt(pod, "metadata", "name");
    try {
      api.delete(pods, Nodes.stringAt(pod, "metadata", "namespace"), podName, null, false);
      events.normal(ds, "SuccessfulDelete", "Deleted pod: " + podName);
    } catch (ApiException e) {
      if (e.code() != 404) {
        events.warning(ds, "FailedDelete", "Error deleting: " + e.getMessage());
        throw e;
      }
    }
  }

  private static boolean updated(JsonNode pod, String hash, long generation) {
    String podHash = Nodes.stringAt(pod, "metadata", "labels", StatefulSetPods.REVISION_LABEL);
    String podGeneration = Nodes.stringAt(pod, "metadata", "labels", TEMPLATE_GENERATION_LABEL);
    return hash.equals(podHash) || Long.toString(generation).equals(podGeneration);
  }

  /** {@code rollingUpdate} without surge: deletes old pods while fewer than maxUnavailable are unavailable. */
  private void rollingUpdate(ObjectNode ds, String hash, Map<String, DaemonSetPlacement.Decision> decisions,
      TreeMap<String, List<ObjectNode>> byNode) {
    int desired = (int) decisions.values().stream().filter(DaemonSetPlacement.Decision::shouldRun).count();
    IntOrPercent max = IntOrPercent.parse(Nodes.at(ds, "spec", "updateStrategy", "rollingUpdate",
        "maxUnavailable"));
    int maxUnavailable = max == null ? 1 : max.scaled(desired, true);
    if (maxUnavailable == 0) {
      // Validation forbids maxUnavailable 0 together with maxSurge 0; surge is not simulated.
      maxUnavailable = 1;
    }
    int minReadySeconds = Nodes.intAt(ds, 0, "spec", "minReadySeconds");
    long generation = Nodes.longAt(ds, 0, "metadata", "generation");
    Instant now = store.clock().instant();
    int unavailable = 0;
    List<ObjectNode> replaceNow = new ArrayList<>();
    List<ObjectNode> candidates = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> e : byNode.entrySet()) {
      DaemonSetPlacement.Decision d = decisions.get(e.getKey());
      if (d == null || !d.shouldRun()) {
        continue;
      }
      ObjectNode newPod = null;
      ObjectNode oldPod = null;
      boolean ok = true;
      for (ObjectNode pod : e.getValue()) {
        if (PodState.deleting(pod)) {
          continue;
        }
        if (updated(pod, hash, generation)) {
          ok &= newPod == null;
          newPod = pod;
        } else {
          ok &= oldPod == null;
          oldPod = pod;
        }
      }
      if (!ok || (newPod == null) == (oldPod == null)) {
        unavailable++;
      } else if (newPod != null) {
        if (!PodState.available(newPod, minReadySeconds, now)) {
          unavailable++;
        }
      } else if (!PodState.available(oldPod, minReadySeconds, now)) {
        replaceNow.add(oldPod);
      } else if (unavailable < maxUnavailable) {
        candidates.add(oldPod);
      }
    }
    int remaining = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
    replaceNow.addAll(candidates.subList(0, remaining));
    for (ObjectNode pod : replaceNow) {
      delete(ds, pod);
    }
  }

  /** {@code updateDaemonSetStatus}; written only when it changed. */
  private void writeStatus(ObjectNode ds, String hash, Map<String, DaemonSetPlacement.Decision> decisions,
      TreeMap<String, List<ObjectNode>> byNode) {
    int minReadySeconds = Nodes.intAt(ds, 0, "spec", "minReadySeconds");
    long generation = Nodes.longAt(ds, 0, "metadata", "generation");
    Instant now = store.clock().instant();
    int desired = 0;
    int current = 0;
    int misscheduled = 0;
    int ready = 0;
    int available = 0;
    int updatedCount = 0;
    for (Map.Entry<String, DaemonSetPlacement.Decision> e : new TreeMap<>(decisions).entrySet()) {
      List<ObjectNode> daemonPods = byNode.getOrDefault(e.getKey(), List.of());
      boolean scheduled = !daemonPods.isEmpty();
      if (e.getValue().shouldRun()) {
        desired++;
        if (!scheduled) {
          continue;
        }
        current++;
        ObjectNode pod = daemonPods.get(0);
        if (PodState.ready(pod)) {
          ready++;
          if (PodState.available(pod, minReadySeconds, now)) {
            available++;
          }
        }
        if (updated(pod, hash, generation)) {
          updatedCount++;
        }
      } else if (scheduled) {
        misscheduled++;
      }
    }
    ObjectNode status = Json.object();
    status.put("currentNumberScheduled", current);
    status.put("numberMisscheduled", misscheduled);
    status.put("desiredNumberScheduled", desired);
    status.put("numberReady", ready);
    status.put("observedGeneration", generation);
    Nodes.putOmitEmpty(status, "updatedNumberScheduled", updatedCount);
    Nodes.putOmitEmpty(status, "numberAvailable", available);
    Nodes.putOmitEmpty(status, "numberUnavailable", desired - available);
    JsonNode collisions = Nodes.at(ds, "status", "collisionCount");
    if (collisions != null) {
      status.set("collisionCount", collisions.deepCopy());
    }
    if (JsonEquality.equal(status, ds.get("status"))) {
      return;
    }
    ObjectNode write = Json.object();
    ObjectNode meta = write.putObject("metadata");
    meta.put("name", Nodes.stringAt(ds, "metadata", "name"));
    meta.put("resourceVersion", Nodes.stringAt(ds, "metadata", "resourceVersion"));
    write.set("status", status);
    api.updateStatus(daemonSets, Nodes.stringAt(ds, "metadata", "namespace"), write, Keys.MANAGER, false);
  }
}
