package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Where the built-in kinds keep a pod spec: a Pod's own, or a template's. */
final class PodTemplates {

  private PodTemplates() {
  }

  /** The pod spec a Pod template of this kind carries, or null (kinds without one, or an object without one). */
  static ObjectNode templateSpec(String group, String kind, ObjectNode object) {
    JsonNode spec = object.get("spec");
    return switch (group + "/" + kind) {
      case "/PodTemplate" -> Fields.object(Fields.object(object, "template"), "spec");
      case "/ReplicationController", "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet",
          "batch/Job" -> Fields.object(Fields.object(spec, "template"), "spec");
      case "batch/CronJob" -> Fields.object(Fields.object(Fields.object(Fields.object(spec, "jobTemplate"), "spec"),
          "template"), "spec");
      default -> null;
    };
  }

  static boolean isPod(String group, String kind) {
    return group.isEmpty() && kind.equals("Pod");
  }
}
