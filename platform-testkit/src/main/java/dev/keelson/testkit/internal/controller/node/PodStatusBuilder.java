package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link PodRuntime} as the kubelet's pod status ({@code generateAPIPodStatus}): phase, conditions
 * (foreign ones kept first, then PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled with
 * lastTransitionTime kept while a status is unchanged), host and pod IPs, startTime, init container statuses in
 * spec order and container statuses sorted by name. Other status fields (qosClass, nominatedNodeName, ...) are kept.
 */
final class PodStatusBuilder {

  static final Set<String> KUBELET_CONDITIONS = Set.of("PodReadyToStartContainers", "Initialized", "Ready",
      "ContainersReady", "PodScheduled");

  private PodStatusBuilder() {
  }

  static ObjectNode build(PodRuntime pod, JsonNode oldStatus, JsonNode spec, Instant now) {
    ObjectNode status = oldStatus != null && oldStatus.isObject() ? ((ObjectNode) oldStatus).deepCopy()
        : Json.object();
    String phase = pod.phase();
    status.put("phase", phase);
    status.set("conditions", conditions(pod, oldStatus, phase, now));
    status.put("hostIP", pod.hostIp);
    status.putArray("hostIPs").addObject().put("ip", pod.hostIp);
    status.put("podIP", pod.podIp);
    status.putArray("podIPs").addObject().put("ip", pod.podIp);
    status.put("startTime", ObjectStore.timestamp(pod.startTime));
    if (!pod.initContainers.isEmpty()) {
      ArrayNode init = status.putArray("initContainerStatuses");
      pod.initContainers.forEach(c -> init.add(containerStatus(c, now)));
    }
    ArrayNode regular = status.putArray("containerStatuses");
    pod.containers.stream().sorted(Comparator.comparing(c -> c.name))
        .forEach(c -> regular.add(containerStatus(c, now)));
    if (!status.has("qosClass")) {
      status.put("qosClass", QosClass.of(spec));
    }
    return status;
  }

  private static ArrayNode conditions(PodRuntime pod, JsonNode oldStatus, String phase, Instant now) {
    Map<String, JsonNode> old = new HashMap<>();
    ArrayNode out = Json.NODES.arrayNode();
    JsonNode oldConditions = oldStatus == null ? null : oldStatus.get("conditions");
    if (oldConditions != null) {
      for (JsonNode c : oldConditions) {
        String type = c.path("type").asString("");
        old.put(type, c);
        if (!KUBELET_CONDITIONS.contains(type)) {
          out.add(c.deepCopy());
        }
      }
    }
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    String ts = ObjectStore.timestamp(now);
    out.add(condition("PodReadyToStartContainers", terminal ? "False" : "True", null, null, old, ts));
    out.add(initialized(pod, phase, old, ts));
    String[] containersReady = containersReady(pod, phase, now);
    String[] ready = containersReady[0].equals("True") ? readinessGates(pod, old) : containersReady;
    out.add(condition("Ready", ready[0], ready[1], ready[2], old, ts));
    out.add(condition("ContainersReady", containersReady[0], containersReady[1], containersReady[2], old, ts));
    out.add(condition("PodScheduled", "True", null, null, old, ts));
    return out;
  }

  private static ObjectNode initialized(PodRuntime pod, String phase, Map<String, JsonNode> old, String ts) {
    if (phase.equals("Succeeded")) {
      return condition("Initialized", "True", "PodCompleted", null, old, ts);
    }
    List<String> incomplete = new ArrayList<>();
    for (ContainerRuntime c : pod.initContainers) {
      if (!c.succeeded()) {
        incomplete.add(c.name);
      }
    }
    if (incomplete.isEmpty() || pod.containers.stream().anyMatch(c -> c.startedAt != null)) {
      return condition("Initialized", "True", null, null, old, ts);
    }
    return condition("Initialized", "False", "ContainersNotInitialized",
        "containers with incomplete status: [" + String.join(" ", incomplete) + "]", old, ts);
  }

  /** status, reason, message of ContainersReady. */
  private static String[] containersReady(PodRuntime pod, String phase, Instant now) {
    if (phase.equals("Failed")) {
      return new String[] {"False", "PodFailed", null};
    }
    if (phase.equals("Succeeded")) {
      return new String[] {"False", "PodCompleted", null};
    }
    List<String> unready = new ArrayList<>();
    for (ContainerRuntime c : pod.containers) {
      if (!c.ready(now)) {
        unready.add(c.name);
      }
    }
    if (unready.isEmpty()) {
      return new String[] {"True", null, null};
    }
    return new String[] {"False", "ContainersNotReady",
        "containers with unready status: [" + String.join(" ", unready) + "]"};
  }

  private static String[] readinessGates(PodRuntime pod, Map<String, JsonNode> old) {
    for (String gate : pod.readinessGates) {
      JsonNode c = old.get(gate);
      if (c == null) {
        return new String[] {"False", "ReadinessGatesNotReady",
            "corresponding condition of pod readiness gate \"" + gate + "\" does not exist."};
      }
      String s = c.path("status").asString("");
      if (!s.equals("True")) {
        return new String[] {"False", "ReadinessGatesNotReady",
            "the status of pod readiness gate \"" + gate + "\" is not \"True\", but " + s};
      }
    }
    return new String[] {"True", null, null};
  }

  private static ObjectNode condition(String type, String status, String reason, String message,
      Map<String, JsonNode> old, String now) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.putNull("lastProbeTime");
    JsonNode previous = old.get(type);
    boolean same = previous != null && status.equals(previous.path("status").asString(""))
        && previous.hasNonNull("lastTransitionTime");
    c.put("lastTransitionTime", same ? previous.get("lastTransitionTime").asString() : now);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
    return c;
  }

  private static ObjectNode containerStatus(ContainerRuntime c, Instant now) {
    ObjectNode s = Json.object();
    s.put("name", c.name);
    ObjectNode state = s.putObject("state");
    switch (c.state) {
      case WAITING -> {
        ObjectNode w = state.putObject("waiting");
        w.put("reason", c.waitingReason);
        if (c.waitingMessage != null) {
          w.put("message", c.waitingMessage);
        }
      }
      case RUNNING -> state.putObject("running").put("startedAt", ObjectStore.timestamp(c.startedAt));
      case TERMINATED -> state.set("terminated", termination(c.terminated));
    }
    ObjectNode last = s.putObject("lastState");
    if (c.last != null) {
      last.set("terminated", termination(c.last));
    }
    s.put("ready", c.ready(now));
    s.put("restartCount", c.restartCount);
    s.put("image", c.image);
    s.put("imageID", c.imageId == null ? "" : c.imageId);
    if (c.containerId != null) {
      s.put("containerID", c.containerId);
    }
    s.put("started", c.started(now));
    return s;
  }

  private static ObjectNode termination(ContainerRuntime.Termination t) {
    ObjectNode o = Json.object();
    o.put("exitCode", t.exitCode());
    o.put("reason", t.reason());
    if (t.message() != null) {
      o.put("message", t.message());
    }
    if (t.startedAt() != null) {
      o.put("startedAt", ObjectStore.timestamp(t.startedAt()));
    }
    if (t.finishedAt() != null) {
      o.put("finishedAt", ObjectStore.timestamp(t.finishedAt()));
    }
    if (t.containerId() != null) {
      o.put("containerID", t.containerId());
    }
    return o;
  }
}
