package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.controller.EventRecorder;

/**
 * What one Deployment sync works with: the API server (for writes), the store (for reads without the HTTP layer),
 * the resource types involved and the controller's event recorder.
 */
record WorkloadContext(ApiServer api, ObjectStore store, ResourceType deployments, ResourceType replicaSets,
    ResourceType pods, EventRecorder events) {

  static WorkloadContext of(ApiServer api, EventRecorder events) {
    return new WorkloadContext(api, api.store(), api.type("apps/v1", "Deployment"),
        api.type("apps/v1", "ReplicaSet"), api.type("v1", "Pod"), events);
  }
}
