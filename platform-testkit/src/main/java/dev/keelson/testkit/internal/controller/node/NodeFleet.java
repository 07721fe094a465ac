package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.controller.ControllerManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated cluster's nodes and the script of their kubelets. Adding a node registers it and posts its status
 * at once (it is schedulable when this returns); the health scripts take effect through the controllers the next
 * time the cluster runs them ({@code awaitIdle}/{@code advance}).
 *
 * <pre>{@code
 * fleet.add(NodeSpec.named("a").zone("z1")).add(NodeSpec.named("b").zone("z2"));
 * fleet.unknown("a");          // kubelet stops posting: Unknown after the grace period, evictions after 300 s
 * fleet.recover("a");
 * fleet.notReady("b");         // kubelet posts Ready=False (KubeletNotReady)
 * fleet.cordon("b");
 * }</pre>
 */
public final class NodeFleet {

  /** Message of the scripted {@code KubeletNotReady} condition unless told otherwise. */
  public static final String DEFAULT_NOT_READY_MESSAGE = "container runtime network not ready: NetworkReady=false "
      + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

  private static final String USER = "kubectl";

  private final ApiServer api;
  private final ControllerManager manager;
  private final ClusterState state;
  private final KubeletStates kubelets;
  private final ResourceType nodes;
  private final Map<String, NodeSpec> specs = new ConcurrentHashMap<>();
  private NodeStatusReporter reporter;
  private NodeLifecycleController lifecycle;
  private Kubelet kubelet;

  NodeFleet(ApiServer api, ControllerManager manager, ClusterState state, KubeletStates kubelets) {
    this.api = api;
    this.manager = manager;
    this.state = state;
    this.kubelets = kubelets;
    this.nodes = api.type("v1", "Node");
  }

  void wire(NodeStatusReporter reporter, NodeLifecycleController lifecycle, Kubelet kubelet) {
    this.reporter = reporter;
    this.lifecycle = lifecycle;
    this.kubelet = kubelet;
  }

  NodeSpec specOf(String name) {
    return specs.get(name);
  }

  /** Registers a node (kubelet-style: the Node object, then its status with Ready=True). */
  public NodeFleet add(NodeSpec spec) {
    specs.put(spec.name(), spec);
    kubelets.set(spec.name(), KubeletStates.READY);
    api.create(nodes, null, spec.toObject(state.nodeIndex(spec.name())), Kubelet.MANAGER, false);
    reporter.report(spec.name());
    return this;
  }

  /** Registers a node with the default capacity (4 CPUs, 16Gi, 110 pods). */
  public NodeFleet add(String name) {
    return add(NodeSpec.named(name));
  }

  /** Deletes the Node object; pods bound to it are garbage-collected. */
  public void remove(String name) {
    api.delete(nodes, null, name, null, false);
    specs.remove(name);
  }

  /** The kubelet keeps posting, but Ready=False with reason KubeletNotReady. */
  public void notReady(String name) {
    notReady(name, DEFAULT_NOT_READY_MESSAGE);
  }

  public void notReady(String name, String message) {
    kubelets.set(name, new KubeletStates.State(KubeletStates.Mode.NOT_READY, now(), message));
    reporter.report(name);
  }

  /**
   * The kubelet stops posting status (lost node): after the node-monitor grace period the node controller sets
   * Ready=Unknown ({@code NodeStatusUnknown}, {@code Kubelet stopped posting node status.}) and taints the node.
   */
  public void unknown(String name) {
    kubelets.set(name, new KubeletStates.State(KubeletStates.Mode.STOPPED, now(), null));
    lifecycle.kubeletStopped(name, key -> manager.enqueue(lifecycle, key));
  }

  /** The kubelet is healthy again: posts Ready=True and resumes its pods. */
  public void recover(String name) {
    kubelets.set(name, KubeletStates.READY);
    reporter.report(name);
    kubelet.resyncNode(name, key -> manager.enqueue(kubelet, key));
    manager.enqueue(lifecycle, "node|" + name);
  }

  /** {@code kubectl cordon}. */
  public void cordon(String name) {
    setUnschedulable(name, true);
  }

  /** {@code kubectl uncordon}. */
  public void uncordon(String name) {
    setUnschedulable(name, false);
  }

  private void setUnschedulable(String name, boolean value) {
    ObjectNode node = api.get(nodes, null, name);
    if (value) {
      node.withObject("spec").put("unschedulable", true);
    } else {
      node.withObject("spec").remove("unschedulable");
    }
    api.update(nodes, null, node, USER, false);
  }

  /** {@code kubectl taint nodes NAME key=value:effect}. */
  public void taint(String name, Taint taint) {
    ObjectNode node = api.get(nodes, null, name);
    List<Taint> taints = new ArrayList<>(Taint.parse(node.path("spec").get("taints")));
    taints.removeIf(taint::sameKeyEffect);
    taints.add(taint);
    writeTaints(node, taints);
  }

  /** {@code kubectl taint nodes NAME key:effect-}. */
  public void untaint(String name, String key, String effect) {
    ObjectNode node = api.get(nodes, null, name);
    List<Taint> taints = new ArrayList<>(Taint.parse(node.path("spec").get("taints")));
    taints.removeIf(t -> t.key().equals(key) && t.effect().equals(effect));
    writeTaints(node, taints);
  }

  private void writeTaints(ObjectNode node, List<Taint> taints) {
    ArrayNode list = Json.NODES.arrayNode();
    taints.forEach(t -> list.add(t.toJson()));
    if (list.isEmpty()) {
      node.withObject("spec").remove("taints");
    } else {
      node.withObject("spec").set("taints", list);
    }
    api.update(nodes, null, node, USER, false);
  }

  /** Names of the nodes registered through this fleet. */
  public List<String> names() {
    return new ArrayList<>(new java.util.TreeSet<>(specs.keySet()));
  }

  public Optional<NodeSpec> spec(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  private Instant now() {
    return api.store().clock().instant();
  }
}
