package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.controller.ControllerManager;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs the simulated nodes into a cluster: the DefaultTolerationSeconds admission step (and, when enabled,
 * {@link PodStatusDefaults}), and the controllers — kubelet node status, node lifecycle (with taint eviction), scheduler, kubelet and
 * (unless turned off in {@link NodeSettings}) a compact Job controller —
 * sharing one {@link ClusterState}. The handle gives the {@link NodeFleet} and the {@link Behaviours} script.
 *
 * <pre>{@code
 * NodeControllers nodes = NodeControllers.install(controllers, api);
 * nodes.fleet().add(NodeSpec.named("node-1").zone("eu-west-1a"));
 * nodes.behaviours().forImage("shop/api:2").crashLoop();
 * }</pre>
 */
public final class NodeControllers {

  private final NodeFleet fleet;
  private final Behaviours behaviours;
  private final NodeSettings settings;

  private NodeControllers(NodeFleet fleet, Behaviours behaviours, NodeSettings settings) {
    this.fleet = fleet;
    this.behaviours = behaviours;
    this.settings = settings;
  }

  /** Installs with Kubernetes' defaults ({@link NodeSettings#defaults()}). */
  public static NodeControllers install(ControllerManager manager, ApiServer api) {
    return install(manager, api, NodeSettings.defaults());
  }

  public static NodeControllers install(ControllerManager manager, ApiServer api, NodeSettings settings) {
    ResourceType nodeType = api.type("v1", "Node");
    ResourceType podType = api.type("v1", "Pod");
    if (settings.podStatusDefaults()) {
      api.addAdmission(new PodStatusDefaults());
    }
    api.addAdmission(new DefaultTolerationSeconds(settings.notReadyTolerationSeconds(),
        settings.unreachableTolerationSeconds()));
    ClusterState state = new ClusterState();
    List<ObjectNode> existingNodes = api.store().snapshot(nodeType);
    List<ObjectNode> existingPods = api.store().snapshot(podType);
    state.prime(existingNodes, existingPods);
    KubeletStates kubelets = new KubeletStates();
    Behaviours behaviours = new Behaviours();
    NodeFleet fleet = new NodeFleet(api, manager, state, kubelets);
    NodeStatusReporter reporter = new NodeStatusReporter(api, state, kubelets, settings, fleet::specOf);
    NodeLifecycleController lifecycle = new NodeLifecycleController(api, state, kubelets, settings);
    Scheduler scheduler = new Scheduler(api, state);
    Kubelet kubelet = new Kubelet(api, state, kubelets, behaviours);
    JobController jobs = settings.jobController() ? new JobController(api, state) : null;
    fleet.wire(reporter, lifecycle, kubelet);
    manager.register(reporter);
    manager.register(lifecycle);
    manager.register(scheduler);
    manager.register(kubelet);
    if (jobs != null) {
      manager.register(jobs);
    }
    for (ObjectNode n : existingNodes) {
      String name = Json.text(n, "metadata", "name");
      manager.enqueue(reporter, name);
      manager.enqueue(lifecycle, "node|" + name);
    }
    for (ObjectNode p : existingPods) {
      PodInfo info = PodInfo.parse(p);
      if (info.awaitsScheduling()) {
        manager.enqueue(scheduler, info.key());
      } else if (info.nodeName() != null) {
        manager.enqueue(kubelet, info.key());
      }
    }
    return new NodeControllers(fleet, behaviours, settings);
  }

  public NodeFleet fleet() {
    return fleet;
  }

  public Behaviours behaviours() {
    return behaviours;
  }

  public NodeSettings settings() {
    return settings;
  }
}
