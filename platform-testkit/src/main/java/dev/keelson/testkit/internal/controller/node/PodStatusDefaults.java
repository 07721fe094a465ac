package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the pod registry's PrepareForCreate does to status: a new pod starts with {@code status.phase: Pending}
 * and its {@code status.qosClass}. (Belongs to the API server's pod strategy; an admission step stands in.)
 */
public final class PodStatusDefaults implements Admission {

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (operation != Operation.CREATE || !ClusterState.isPods(type)) {
      return;
    }
    ObjectNode status = object.withObject("status");
    if (!status.has("phase")) {
      status.put("phase", "Pending");
    }
    status.put("qosClass", QosClass.of(object.path("spec")));
  }
}
