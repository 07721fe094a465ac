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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-scheduler for pods with {@code schedulerName: default-scheduler}: binds each unscheduled pod to the node
 * {@link Placement} picks (writing {@code spec.nodeName} as manager {@code kube-scheduler}), or records
 * {@code PodScheduled=False}, reason {@code Unschedulable}, with the scheduler's message. Unschedulable pods are
 * parked and retried when a node is added or changes (labels, taints, cordon, allocatable) or a bound pod
 * releases its resources. Records {@code Scheduled} ({@code Successfully assigned <ns>/<pod> to <node>}) and, at
 * every failed attempt, {@code FailedScheduling} with the same message as the condition.
 */
public final class Scheduler implements Controller {

  static final String MANAGER = "kube-scheduler";

  private final ApiServer api;
  private final ClusterState state;
  private final ResourceType pods;
  private final Set<String> parked = ConcurrentHashMap.newKeySet();
  private final EventRecorder events;

  Scheduler(ApiServer api, ClusterState state) {
    this.api = api;
    this.state = state;
    this.pods = api.type("v1", "Pod");
    this.events = new EventRecorder(api, "default-scheduler", null, MANAGER);
  }

  @Override
  public String name() {
    return "kube-scheduler";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ClusterState.Delta d = state.observe(event);
    if (d.isPod()) {
      PodInfo now = d.newPod();
      PodInfo old = d.oldPod();
      if (now != null && now.awaitsScheduling()) {
        queue.add(now.key());
      } else {
        parked.remove(now != null ? now.key() : old.key());
      }
      boolean released = old != null && old.holdsResources()
          && (now == null || !now.holdsResources() || !old.nodeName().equals(now.nodeName()));
      if (released) {
        parked.forEach(queue::add);
      }
    } else if (d.isNode() && d.newNode() != null && d.newNode().schedulingDiffers(d.oldNode())) {
      parked.forEach(queue::add);
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    PodInfo pod = state.pod(key);
    if (pod == null || !pod.awaitsScheduling()) {
      parked.remove(key);
      return Optional.empty();
    }
    Placement placement;
    synchronized (state) {
      placement = Placement.decide(pod, state);
    }
    try {
      if (placement.node() != null) {
        parked.remove(key);
        bind(pod, placement.node());
      } else {
        parked.add(key);
        markUnschedulable(pod, placement.message());
      }
    } catch (ApiException e) {
      // 404: the pod is gone; 409: it changed, and that change's event queued it again.
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
    return Optional.empty();
  }

  /** The binding: {@code spec.nodeName} set by the scheduler (one write; the kubelet adds PodScheduled=True). */
  private void bind(PodInfo info, String node) {
    ObjectNode pod = api.store().get(pods, info.namespace(), info.name());
    if (pod == null || !info.uid().equals(Json.text(pod, "metadata", "uid"))
        || !pod.path("spec").path("nodeName").asString("").isEmpty()) {
      return;
    }
    pod.withObject("spec").put("nodeName", node);
    ObjectNode bound = api.updateStored(pods, info.namespace(), pod, MANAGER, false);
    events.normal(bound, "Scheduled", "Successfully assigned " + info.namespace() + "/" + info.name() + " to " + node);
  }

  private void markUnschedulable(PodInfo info, String message) {
    ObjectNode pod = api.store().get(pods, info.namespace(), info.name());
    if (pod == null || !info.uid().equals(Json.text(pod, "metadata", "uid"))) {
      return;
    }
    events.warning(pod, "FailedScheduling", message);
    ObjectNode status = pod.withObject("status");
    ArrayNode conditions = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    ObjectNode existing = null;
    for (JsonNode c : conditions) {
      if ("PodScheduled".equals(c.path("type").asString(""))) {
        existing = (ObjectNode) c;
      }
    }
    if (existing != null && "False".equals(existing.path("status").asString(""))
        && "Unschedulable".equals(existing.path("reason").asString(""))
        && message.equals(existing.path("message").asString(""))) {
      return;
    }
    String transition = existing != null && "False".equals(existing.path("status").asString(""))
        ? existing.path("lastTransitionTime").asString(api.store().now()) : api.store().now();
    ObjectNode c = existing != null ? existing : conditions.addObject();
    c.removeAll();
    c.put("type", "PodScheduled");
    c.put("status", "False");
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", transition);
    c.put("reason", "Unschedulable");
    c.put("message", message);
    if (!status.has("phase")) {
      status.put("phase", "Pending");
    }
    Json.metadata(pod).remove("resourceVersion");
    api.updateStatus(pods, info.namespace(), pod, MANAGER, false);
  }
}
