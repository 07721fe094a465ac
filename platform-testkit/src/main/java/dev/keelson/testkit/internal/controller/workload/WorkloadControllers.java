package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.controller.ControllerManager;

/**
 * Installs the workload controllers of the simulated kube-controller-manager: the ReplicaSet controller and the
 * Deployment controller (registered in that order, so pods follow ReplicaSet sizes before the next rollout step).
 *
 * @param replicaSets the ReplicaSet controller
 * @param deployments the Deployment controller
 */
public record WorkloadControllers(ReplicaSetController replicaSets, DeploymentController deployments) {

  public static WorkloadControllers install(ControllerManager manager, ApiServer api) {
    WorkloadControllers controllers = new WorkloadControllers(new ReplicaSetController(api),
        new DeploymentController(api));
    manager.register(controllers.replicaSets());
    manager.register(controllers.deployments());
    return controllers;
  }
}
