package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing controller owner references ({@code metav1.NewControllerRef}, {@code GetControllerOf}). */
final class ControllerRefs {

  private ControllerRefs() {
  }

  /** The owner reference with {@code controller: true}, or null. */
  static JsonNode controllerOf(JsonNode object) {
    JsonNode refs = Nodes.at(object, "metadata", "ownerReferences");
    if (refs == null || !refs.isArray()) {
      return null;
    }
    for (JsonNode ref : refs) {
      JsonNode controller = ref.get("controller");
      if (controller != null && controller.isBoolean() && controller.asBoolean()) {
        return ref;
      }
    }
    return null;
  }

  /** The name of the controlling owner if it is of this kind, or null. */
  static String controllerName(JsonNode object, String kind) {
    JsonNode ref = controllerOf(object);
    if (ref == null || !kind.equals(ref.path("kind").asString(""))) {
      return null;
    }
    return ref.path("name").asString(null);
  }

  /** Whether the object's controller reference points at this uid. */
  static boolean isControlledBy(JsonNode object, String ownerUid) {
    JsonNode ref = controllerOf(object);
    return ref != null && ownerUid != null && ownerUid.equals(ref.path("uid").asString(""));
  }

  /** {@code [NewControllerRef(owner, apiVersion/kind)]}, field order as the Go struct. */
  static ArrayNode controllerRefTo(JsonNode owner, String apiVersion, String kind) {
    ArrayNode refs = Json.NODES.arrayNode();
    ObjectNode ref = refs.addObject();
    ref.put("apiVersion", apiVersion);
    ref.put("kind", kind);
    ref.put("name", Nodes.stringAt(owner, "metadata", "name"));
    ref.put("uid", Nodes.stringAt(owner, "metadata", "uid"));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return refs;
  }
}
