package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.controller.ControllerManager;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs the stateful and per-node workload controllers of the simulated kube-controller-manager: the StatefulSet
 * controller and the DaemonSet controller, and queues the StatefulSets and DaemonSets that already exist.
 *
 * @param statefulSets the StatefulSet controller
 * @param daemonSets the DaemonSet controller
 */
public record StatefulSetControllers(StatefulSetController statefulSets, DaemonSetController daemonSets) {

  public static StatefulSetControllers install(ControllerManager manager, ApiServer api) {
    StatefulSetControllers controllers = new StatefulSetControllers(new StatefulSetController(api),
        new DaemonSetController(api));
    manager.register(controllers.statefulSets());
    manager.register(controllers.daemonSets());
    enqueueExisting(manager, api, api.type("apps/v1", "StatefulSet"), controllers.statefulSets());
    enqueueExisting(manager, api, api.type("apps/v1", "DaemonSet"), controllers.daemonSets());
    return controllers;
  }

  private static void enqueueExisting(ControllerManager manager, ApiServer api, ResourceType type,
      dev.keelson.testkit.internal.controller.Controller controller) {
    for (ObjectNode o : api.store().snapshot(type)) {
      manager.enqueue(controller, Keys.of(Json.text(o, "metadata", "namespace"), Json.text(o, "metadata", "name")));
    }
  }
}
