package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.EventRecorder;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kubelets of all simulated nodes, for pods: runs each pod bound to an existing node whose kubelet is Ready
 * in a {@link PodRuntime} (containers scripted by {@link Behaviours}), writes the pod status as manager
 * {@code kubelet} whenever it changes, and wakes itself on the virtual clock for the next change (start, exit,
 * back-off end, readiness). Pods on a NotReady or stopped kubelet are frozen until the node recovers. A pod with a
 * deletionTimestamp has its containers stopped at once and turns Succeeded or Failed; a graceful deletion is then
 * finished with a delete of grace period 0 (so a pod on a node whose kubelet is down stays Terminating, as in a
 * real cluster), and removing a pod with finalizers stays with whoever owns them. Each node's
 * kubelet records the container Events a real one does ({@code Pulling}, {@code Pulled}, {@code Created},
 * {@code Started}, {@code BackOff}, {@code Failed}, {@code Unhealthy}, {@code Killing}) with its node as
 * {@code source.host}, and keeps the images it pulled, so {@code IfNotPresent} pulls once per node.
 */
public final class Kubelet implements Controller {

  static final String MANAGER = "kubelet";

  private final ApiServer api;
  private final ClusterState state;
  private final KubeletStates kubelets;
  private final Behaviours behaviours;
  private final ResourceType pods;
  private final Map<String, PodRuntime> runtimes = new ConcurrentHashMap<>();
  private final IpPool ips = new IpPool();
  private final Wakeups wakeups = new Wakeups();
  private final Map<String, EventRecorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> images = new ConcurrentHashMap<>();

  Kubelet(ApiServer api, ClusterState state, KubeletStates kubelets, Behaviours behaviours) {
    this.api = api;
    this.state = state;
    this.kubelets = kubelets;
    this.behaviours = behaviours;
    this.pods = api.type("v1", "Pod");
  }

  @Override
  public String name() {
    return "kubelet";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ClusterState.Delta d = state.observe(event);
    if (d.isNode() && d.oldNode() == null && d.newNode() != null) {
      resyncNode(d.newNode().name(), queue);
    }
    if (!d.isPod()) {
      return;
    }
    PodInfo now = d.newPod();
    if (now == null) {
      if (runtimes.containsKey(d.oldPod().key())) {
        queue.add(d.oldPod().key());
      }
      return;
    }
    if (now.nodeName() == null) {
      return;
    }
    PodRuntime rt = runtimes.get(now.key());
    boolean gated = !readinessGates(event).isEmpty();
    if (rt == null || !rt.uid.equals(now.uid()) || (now.deleting() && !rt.deleting) || gated) {
      queue.add(now.key());
    }
  }

  /** Readiness gates of the event's pod: their conditions are set by others, so every change is a resync. */
  private static JsonNode readinessGates(WatchEvent event) {
    return event.object().path("spec").path("readinessGates");
  }

  /** Re-syncs every pod of a node (after its kubelet recovers). */
  void resyncNode(String node, WorkQueue queue) {
    state.podsOn(node).forEach(queue::add);
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    Instant now = api.store().clock().instant();
    // The event-fed copy (read-only) spares a deep copy of the pod per sync.
    ObjectNode pod = state.podObject(key);
    String node = pod == null ? "" : pod.path("spec").path("nodeName").asString("");
    if (pod == null || node.isEmpty()) {
      stopped(key, now);
      return Optional.empty();
    }
    if (state.node(node) == null || !kubelets.runsPods(node)) {
      return Optional.empty();
    }
    String uid = Json.text(pod, "metadata", "uid");
    PodRuntime rt = runtimes.get(key);
    if (rt != null && (!rt.uid.equals(uid) || !rt.nodeName.equals(node))) {
      forget(key);
      rt = null;
    }
    if (rt == null) {
      int index = state.nodeIndex(node);
      Set<String> onNode = images.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
      rt = new PodRuntime(pod, now, IpPool.nodeIp(index), index, ips.allocate(index), behaviours,
          image -> !onNode.add(image));
      runtimes.put(key, rt);
    }
    if (pod.path("metadata").has("deletionTimestamp") && !rt.deleting) {
      rt.advance(now);
      rt.terminate(now);
    }
    Instant next = rt.advance(now);
    record(rt, pod);
    JsonNode old = pod.get("status");
    ObjectNode status = PodStatusBuilder.build(rt, old, pod.path("spec"), now);
    if (!status.equals(old)) {
      ObjectNode write = Json.object();
      Json.metadata(write).put("name", name);
      write.set("status", status);
      try {
        api.updateStatusStored(pods, ns, write, MANAGER, false);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    if (rt.deleting && pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0) > 0) {
      // Containers stopped: the kubelet's status manager deletes the pod for good (grace period 0).
      try {
        api.delete(pods, ns, name, null, 0L, false);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
      return Optional.empty();
    }
    return wakeups.requeue(key, next, now);
  }

  /** Records the Events of the pod's containers since the last sync. */
  private void record(PodRuntime rt, JsonNode pod) {
    EventRecorder events = recorders.computeIfAbsent(rt.nodeName,
        n -> new EventRecorder(api, "kubelet", n, MANAGER));
    for (Map.Entry<String, ContainerRuntime.Occurrence> e : rt.drainOccurrences()) {
      ContainerRuntime.Occurrence o = e.getValue();
      events.record(pod, e.getKey(), o.type(), o.reason(), o.message(), o.at());
    }
  }

  /**
   * The pod is gone from the store (the API server removes a pod without finalizers at once): its containers are
   * stopped, with the kubelet's {@code Killing} Events, and its runtime forgotten.
   */
  private void stopped(String key, Instant now) {
    PodRuntime rt = runtimes.get(key);
    if (rt != null && !rt.deleting && state.node(rt.nodeName) != null && kubelets.runsPods(rt.nodeName)) {
      rt.advance(now);
      rt.terminate(now);
      record(rt, rt.involved);
    }
    forget(key);
  }

  private void forget(String key) {
    PodRuntime rt = runtimes.remove(key);
    if (rt != null) {
      ips.release(rt.nodeIndex, rt.podIp);
    }
    wakeups.forget(key);
  }
}
