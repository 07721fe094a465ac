package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code controller.GetPodFromTemplate}: a pod for a ReplicaSet with {@code generateName: <rs>-}, the template's
 * labels, annotations and finalizers, a copy of its spec, and a controller reference to the ReplicaSet.
 */
final class PodFactory {

  /** Longest valid DNS subdomain; a longer {@code <name>-} prefix falls back to the bare name. */
  private static final int MAX_NAME_LENGTH = 253;

  private PodFactory() {
  }

  static ObjectNode fromTemplate(JsonNode replicaSet) {
    String name = Nodes.stringAt(replicaSet, "metadata", "name");
    JsonNode template = Nodes.at(replicaSet, "spec", "template");
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("generateName", prefix(name));
    meta.put("namespace", Nodes.stringAt(replicaSet, "metadata", "namespace"));
    copyNonEmpty(template, "labels", meta);
    copyNonEmpty(template, "annotations", meta);
    copyNonEmpty(template, "finalizers", meta);
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(replicaSet, "apps/v1", "ReplicaSet"));
    JsonNode spec = Nodes.at(template, "spec");
    pod.set("spec", spec == null ? Json.object() : spec.deepCopy());
    return pod;
  }

  /** {@code getPodsPrefix}. */
  static String prefix(String controllerName) {
    String prefix = controllerName + "-";
    return prefix.length() > MAX_NAME_LENGTH ? controllerName : prefix;
  }

  private static void copyNonEmpty(JsonNode template, String field, ObjectNode meta) {
    JsonNode value = Nodes.at(template, "metadata", field);
    if (value != null && !value.isEmpty()) {
      meta.set(field, value.deepCopy());
    }
  }
}
