package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kubelets' node status posting: capacity and allocatable, addresses, nodeInfo and the conditions
 * MemoryPressure, DiskPressure, PIDPressure (False) and Ready ({@code KubeletReady}/{@code kubelet is posting ready
 * status}, or False/{@code KubeletNotReady} when scripted NotReady). A stopped kubelet posts nothing.
 *
 * <p>Heartbeats are simplified: {@code lastHeartbeatTime} moves only when the status changes (or every
 * {@link NodeSettings#statusReportInterval()} when set); liveness for the node controller comes from
 * {@link KubeletStates}, standing in for the kubelet's Lease. Nodes created through the API without a status are
 * adopted with the default capacity.
 */
public final class NodeStatusReporter implements Controller {

  private static final String[][] PRESSURE = {
      {"MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
      {"DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
      {"PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"}};

  private final ApiServer api;
  private final ClusterState state;
  private final KubeletStates kubelets;
  private final NodeSettings settings;
  private final Function<String, NodeSpec> specs;
  private final ResourceType nodes;
  private final Wakeups wakeups = new Wakeups();

  NodeStatusReporter(ApiServer api, ClusterState state, KubeletStates kubelets, NodeSettings settings,
      Function<String, NodeSpec> specs) {
    this.api = api;
    this.state = state;
    this.kubelets = kubelets;
    this.settings = settings;
    this.specs = specs;
    this.nodes = api.type("v1", "Node");
  }

  @Override
  public String name() {
    return "kubelet-node-status";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ClusterState.Delta d = state.observe(event);
    if (d.isNode() && d.oldNode() == null && d.newNode() != null) {
      queue.add(d.newNode().name());
    }
  }

  @Override
  public Optional<Duration> reconcile(String name) {
    Instant now = api.store().clock().instant();
    Instant heartbeat = report(name);
    Duration interval = settings.statusReportInterval();
    if (heartbeat == null || interval == null) {
      return Optional.empty();
    }
    return wakeups.requeue(name, heartbeat.plus(interval), now);
  }

  /** Posts the node's status now if it changed; returns the heartbeat time in effect, or null when not posting. */
  Instant report(String name) {
    ObjectNode node = api.store().get(nodes, null, name);
    KubeletStates.State ks = kubelets.get(name);
    if (node == null || ks.mode() == KubeletStates.Mode.STOPPED) {
      return null;
    }
    Instant now = api.store().clock().instant();
    String ts = ObjectStore.timestamp(now);
    JsonNode old = node.get("status");
    ObjectNode status = old != null && old.isObject() ? ((ObjectNode) old).deepCopy() : Json.object();
    fillStatic(status, name);
    Map<String, JsonNode> previous = new HashMap<>();
    for (JsonNode c : status.path("conditions")) {
      previous.put(c.path("type").asString(""), c);
    }
    ArrayNode conditions = status.putArray("conditions");
    for (String[] p : PRESSURE) {
      conditions.add(condition(p[0], "False", p[1], p[2], previous, ts));
    }
    if (ks.mode() == KubeletStates.Mode.READY) {
      conditions.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", previous, ts));
    } else {
      conditions.add(condition("Ready", "False", "KubeletNotReady", ks.message(), previous, ts));
    }
    String lastBeat = previous.containsKey("Ready") ? previous.get("Ready").path("lastHeartbeatTime").asString(ts)
        : ts;
    Duration interval = settings.statusReportInterval();
    boolean due = interval != null
        && !Instant.parse(lastBeat).plus(interval).isAfter(now);
    if (status.equals(old) && !due) {
      return Instant.parse(lastBeat);
    }
    for (JsonNode c : conditions) {
      ((ObjectNode) c).put("lastHeartbeatTime", ts);
    }
    node.set("status", status);
    Json.metadata(node).remove("resourceVersion");
    try {
      api.updateStatus(nodes, null, node, Kubelet.MANAGER, false);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    return now;
  }

  /** A condition keeping lastTransitionTime (and, until a write, lastHeartbeatTime) while its status holds. */
  private static ObjectNode condition(String type, String status, String reason, String message,
      Map<String, JsonNode> previous, String now) {
    JsonNode p = previous.get(type);
    boolean same = p != null && status.equals(p.path("status").asString(""));
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastHeartbeatTime", p != null ? p.path("lastHeartbeatTime").asString(now) : now);
    c.put("lastTransitionTime", same ? p.path("lastTransitionTime").asString(now) : now);
    c.put("reason", reason);
    c.put("message", message == null ? "" : message);
    return c;
  }

  private void fillStatic(ObjectNode status, String name) {
    NodeSpec spec = specs.apply(name);
    if (spec != null || !status.has("capacity")) {
      NodeSpec s = spec != null ? spec : NodeSpec.named(name);
      ObjectNode capacity = Json.object();
      capacity.put("cpu", s.cpu());
      capacity.put("ephemeral-storage", "100Gi");
      capacity.put("memory", s.memory());
      capacity.put("pods", Integer.toString(s.pods()));
      status.set("capacity", capacity);
      status.set("allocatable", capacity.deepCopy());
    }
    int index = state.nodeIndex(name);
    ArrayNode addresses = status.putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", IpPool.nodeIp(index));
    addresses.addObject().put("type", "Hostname").put("address", name);
    status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    ObjectNode info = status.putObject("nodeInfo");
    String id = ContainerRuntime.sha256("node/" + name).substring(0, 32);
    info.put("architecture", "amd64");
    info.put("bootID", id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
        + id.substring(16, 20) + "-" + id.substring(20, 32));
    info.put("containerRuntimeVersion", "containerd://1.7.24");
    info.put("kernelVersion", "6.1.0-28-cloud-amd64");
    info.put("kubeProxyVersion", settings.kubeletVersion());
    info.put("kubeletVersion", settings.kubeletVersion());
    info.put("machineID", id);
    info.put("operatingSystem", "linux");
    info.put("osImage", "Debian GNU/Linux 12 (bookworm)");
    info.put("systemUUID", id);
  }
}
