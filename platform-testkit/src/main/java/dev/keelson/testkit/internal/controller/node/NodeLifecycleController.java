package dev.keelson.testkit.internal.controller.node;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's node lifecycle controller with its taint-eviction part and the orphan half of PodGC:
 * <ul>
 *   <li>a kubelet that stopped posting for the grace period gets Ready, MemoryPressure, DiskPressure and PIDPressure
 *       {@code Unknown}, reason {@code NodeStatusUnknown}, message {@code Kubelet stopped posting node status.};
 *   <li>Ready False/Unknown adds the {@code node.kubernetes.io/not-ready} / {@code unreachable} taints with effects
 *       NoSchedule and NoExecute (one write, with timeAdded; no per-zone rate limiting), swapped or removed as
 *       Ready changes;
 *   <li>pods on a node that is not Ready get {@code Ready=False} (MarkPodsNotReady);
 *   <li>pods on a node with NoExecute taints are deleted — at once when a taint is not tolerated, else after the
 *       smallest matching tolerationSeconds — after condition {@code DisruptionTarget=True}, reason
 *       {@code DeletionByTaintManager};
 *   <li>pods bound to a node that was deleted are marked Failed with {@code DisruptionTarget} reason
 *       {@code DeletionByPodGC} and deleted at once (PodGC waits 40 s).
 * </ul>
 */
public final class NodeLifecycleController implements Controller {

  static final String MANAGER = "kube-controller-manager";

  private final ApiServer api;
  private final ClusterState state;
  private final KubeletStates kubelets;
  private final NodeSettings settings;
  private final ResourceType nodes;
  private final ResourceType pods;
  private final Wakeups wakeups = new Wakeups();
  /** When each pod's pending taint eviction was first scheduled (the taint manager's CreatedAt). */
  private final Map<String, Instant> evictionStart = new ConcurrentHashMap<>();
  /** The Ready status each node had when last monitored, to record its changes as Events. */
  private final Map<String, String> observedReady = new ConcurrentHashMap<>();
  private final EventRecorder nodeEvents;
  private final EventRecorder taintEvents;

  NodeLifecycleController(ApiServer api, ClusterState state, KubeletStates kubelets, NodeSettings settings) {
    this.api = api;
    this.state = state;
    this.kubelets = kubelets;
    this.settings = settings;
    this.nodes = api.type("v1", "Node");
    this.pods = api.type("v1", "Pod");
    this.nodeEvents = new EventRecorder(api, "node-controller");
    this.taintEvents = new EventRecorder(api, "taint-eviction-controller");
  }

  @Override
  public String name() {
    return "node-lifecycle-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ClusterState.Delta d = state.observe(event);
    if (d.isNode()) {
      NodeInfo now = d.newNode();
      NodeInfo old = d.oldNode();
      if (now == null) {
        queue.add("gone|" + old.name());
      } else if (old == null || !Objects.equals(old.ready(), now.ready()) || !old.taints().equals(now.taints())) {
        queue.add("node|" + now.name());
      }
    } else if (d.isPod() && d.newPod() != null && d.newPod().nodeName() != null
        && (d.oldPod() == null || d.oldPod().nodeName() == null)) {
      NodeInfo node = state.node(d.newPod().nodeName());
      if (node != null && (!"True".equals(node.ready()) || !noExecute(node.taints()).isEmpty())) {
        queue.add("node|" + node.name());
      }
    }
  }

  /** Called when a node's kubelet stops posting: starts the grace period. */
  void kubeletStopped(String node, WorkQueue queue) {
    queue.add("node|" + node);
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int bar = key.indexOf('|');
    String name = key.substring(bar + 1);
    try {
      if (key.startsWith("gone|")) {
        collectOrphans(name);
        return Optional.empty();
      }
      return monitor(key, name);
    } catch (ApiException e) {
      if (e.code() == 409) {
        return Optional.of(Duration.ofSeconds(1));
      }
      if (e.code() != 404) {
        throw e;
      }
      return Optional.empty();
    }
  }

  private Optional<Duration> monitor(String key, String name) {
    ObjectNode node = api.store().get(nodes, null, name);
    if (node == null) {
      return Optional.empty();
    }
    Instant now = api.store().clock().instant();
    Instant wake = null;
    KubeletStates.State ks = kubelets.get(name);
    if (ks.mode() == KubeletStates.Mode.STOPPED) {
      Instant due = ks.since().plus(settings.nodeMonitorGracePeriod());
      if (now.isBefore(due)) {
        wake = due;
      } else {
        node = markUnknown(node, now);
      }
    }
    String ready = readyStatus(node);
    if (ready == null) {
      return wakeups.requeue(key, wake, now);
    }
    List<Taint> taints = reconcileTaints(node, ready, now);
    String before = observedReady.put(name, ready);
    if ("True".equals(before) && !ready.equals("True")) {
      nodeEvents.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
    }
    if (!ready.equals("True")) {
      markPodsNotReady(name, now);
    }
    Instant eviction = evict(name, noExecute(taints), now);
    if (eviction != null && (wake == null || eviction.isBefore(wake))) {
      wake = eviction;
    }
    return wakeups.requeue(key, wake, now);
  }

  private static String readyStatus(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString(""))) {
        return c.path("status").asString("");
      }
    }
    return null;
  }

  private ObjectNode markUnknown(ObjectNode node, Instant now) {
    String ts = ObjectStore.timestamp(now);
    boolean changed = false;
    for (JsonNode c : node.path("status").path("conditions")) {
      String type = c.path("type").asString("");
      boolean monitored = type.equals("Ready") || type.equals("MemoryPressure") || type.equals("DiskPressure")
          || type.equals("PIDPressure");
      if (monitored && !"Unknown".equals(c.path("status").asString(""))) {
        ObjectNode o = (ObjectNode) c;
        o.put("status", "Unknown");
        o.put("reason", "NodeStatusUnknown");
        o.put("message", "Kubelet stopped posting node status.");
        o.put("lastTransitionTime", ts);
        changed = true;
      }
    }
    if (!changed) {
      return node;
    }
    Json.metadata(node).remove("resourceVersion");
    return api.updateStatus(nodes, null, node, MANAGER, false);
  }

  /** Swaps the not-ready/unreachable taints to match Ready; returns the node's taints afterwards. */
  private List<Taint> reconcileTaints(ObjectNode node, String ready, Instant now) {
    List<Taint> current = Taint.parse(node.path("spec").get("taints"));
    String wanted = switch (ready) {
      case "False" -> Taint.NOT_READY;
      case "True" -> null;
      default -> Taint.UNREACHABLE;
    };
    List<Taint> out = new ArrayList<>();
    for (Taint t : current) {
      boolean managed = t.key().equals(Taint.NOT_READY) || t.key().equals(Taint.UNREACHABLE);
      boolean ours = t.effect().equals(Taint.NO_SCHEDULE) || t.effect().equals(Taint.NO_EXECUTE);
      if (!managed || !ours || t.key().equals(wanted)) {
        out.add(t);
      }
    }
    if (wanted != null) {
      for (String effect : List.of(Taint.NO_SCHEDULE, Taint.NO_EXECUTE)) {
        Taint t = new Taint(wanted, "", effect, ObjectStore.timestamp(now));
        if (out.stream().noneMatch(t::sameKeyEffect)) {
          out.add(t);
        }
      }
    }
    if (out.equals(current)) {
      return current;
    }
    ArrayNode list = Json.NODES.arrayNode();
    out.forEach(t -> list.add(t.toJson()));
    ObjectNode spec = node.withObject("spec");
    if (list.isEmpty()) {
      spec.remove("taints");
    } else {
      spec.set("taints", list);
    }
    api.update(nodes, null, node, MANAGER, false);
    return out;
  }

  private void markPodsNotReady(String node, Instant now) {
    for (String key : state.podsOn(node)) {
      PodInfo info = state.pod(key);
      if (info == null || info.deleting()) {
        continue;
      }
      ObjectNode pod = api.store().get(pods, info.namespace(), info.name());
      if (pod == null) {
        continue;
      }
      for (JsonNode c : pod.path("status").path("conditions")) {
        if ("Ready".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
          ((ObjectNode) c).put("status", "False");
          ((ObjectNode) c).put("lastTransitionTime", ObjectStore.timestamp(now));
          Json.metadata(pod).remove("resourceVersion");
          api.updateStatus(pods, info.namespace(), pod, MANAGER, false);
          nodeEvents.warning(pod, "NodeNotReady", "Node is not ready");
          break;
        }
      }
    }
  }

  /** Evicts what is due; returns the next eviction time on this node, or null. */
  private Instant evict(String node, List<Taint> noExecute, Instant now) {
    Instant next = null;
    for (String key : state.podsOn(node)) {
      PodInfo pod = state.pod(key);
      if (pod == null || pod.deleting()) {
        evictionStart.remove(key);
        continue;
      }
      long seconds = tolerationSeconds(pod.tolerations(), noExecute);
      if (seconds < 0) {
        evictionStart.remove(key);
        continue;
      }
      Instant start = evictionStart.computeIfAbsent(key, k -> now);
      Instant due = start.plusSeconds(seconds);
      if (due.isAfter(now)) {
        next = next == null || due.isBefore(next) ? due : next;
        continue;
      }
      evictionStart.remove(key);
      ObjectNode stored = api.store().get(pods, pod.namespace(), pod.name());
      if (stored != null) {
        taintEvents.normal(stored, "TaintManagerEviction", "Marking for deletion Pod " + pod.namespace() + "/"
            + pod.name());
      }
      deleteWithCondition(pod, "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", false,
          null);
    }
    return next;
  }

  /**
   * The taint manager's decision: -1 when no NoExecute taint applies or all are tolerated forever, 0 when one is
   * not tolerated, else the smallest tolerationSeconds among the tolerations used.
   */
  static long tolerationSeconds(List<Toleration> tolerations, List<Taint> noExecute) {
    if (noExecute.isEmpty()) {
      return -1;
    }
    long min = Long.MAX_VALUE;
    for (Taint taint : noExecute) {
      boolean tolerated = false;
      for (Toleration t : tolerations) {
        if (t.tolerates(taint)) {
          tolerated = true;
          if (t.seconds() != null) {
            min = Math.min(min, Math.max(0, t.seconds()));
          }
        }
      }
      if (!tolerated) {
        return 0;
      }
    }
    return min == Long.MAX_VALUE ? -1 : min;
  }

  private static List<Taint> noExecute(List<Taint> taints) {
    List<Taint> out = new ArrayList<>();
    for (Taint t : taints) {
      if (t.effect().equals(Taint.NO_EXECUTE)) {
        out.add(t);
      }
    }
    return out;
  }

  private void collectOrphans(String node) {
    if (state.node(node) != null) {
      return;
    }
    for (String key : state.podsOn(node)) {
      PodInfo pod = state.pod(key);
      if (pod != null) {
        deleteWithCondition(pod, "DeletionByPodGC", "PodGC: node no longer exists", true, 0L);
      }
    }
  }

  /**
   * Adds {@code DisruptionTarget=True} (and for PodGC phase Failed), then deletes the pod: gracefully for the taint
   * manager, forcibly (grace period 0) for PodGC, whose pods have no kubelet left to finish the deletion.
   */
  private void deleteWithCondition(PodInfo info, String reason, String message, boolean failed, Long grace) {
    ObjectNode pod = api.store().get(pods, info.namespace(), info.name());
    if (pod == null || pod.path("metadata").has("deletionTimestamp")) {
      return;
    }
    ObjectNode status = pod.withObject("status");
    ArrayNode conditions = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if ("DisruptionTarget".equals(conditions.get(i).path("type").asString(""))) {
        conditions.remove(i);
      }
    }
    ObjectNode c = conditions.addObject();
    c.put("type", "DisruptionTarget");
    c.put("status", "True");
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", api.store().now());
    c.put("reason", reason);
    c.put("message", message);
    if (failed && !"Succeeded".equals(status.path("phase").asString(""))) {
      status.put("phase", "Failed");
    }
    Json.metadata(pod).remove("resourceVersion");
    try {
      api.updateStatus(pods, info.namespace(), pod, MANAGER, false);
      api.delete(pods, info.namespace(), info.name(), null, grace, false);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }
}
