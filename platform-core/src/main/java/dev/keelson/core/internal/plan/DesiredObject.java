package dev.keelson.core.internal.plan;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.plan.ApplySet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A desired object as it will be applied: server-managed metadata and status dropped, a Secret's
 * {@code stringData} folded into {@code data} (the server stores only {@code data}, so applying {@code stringData}
 * would look changed forever), and the ApplySet membership label added.
 */
public record DesiredObject(ObjectRef ref, ObjectNode json, GenericKubernetesResource object) {
  private static final List<String> SERVER_METADATA = List.of("resourceVersion", "uid", "generation",
      "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  public static DesiredObject of(HasMetadata input, ApplySet applySet, KubernetesSerialization serialization) {
    ObjectNode json = (ObjectNode) serialization.convertValue(input, JsonNode.class);
    json.remove("status");
    JsonNode metadata = json.get("metadata");
    if (metadata instanceof ObjectNode meta) {
      SERVER_METADATA.forEach(meta::remove);
      if (applySet != null) {
        JsonNode labels = meta.get("labels");
        ObjectNode l = labels instanceof ObjectNode o ? o : meta.putObject("labels");
        l.put(ApplySet.PART_OF_LABEL, applySet.id());
      }
    }
    if (Secrets.isSecret(json) && json.get("stringData") instanceof ObjectNode stringData) {
      JsonNode data = json.get("data");
      ObjectNode d = data instanceof ObjectNode o ? o : json.putObject("data");
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(stringData.properties())) {
        d.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asString().getBytes(
            StandardCharsets.UTF_8)));
      }
      json.remove("stringData");
    }
    // Generic, not the typed model class: converting a tree to a Map-backed object is cheap, and the applier sends
    // exactly this.
    GenericKubernetesResource object = serialization.convertValue(json, GenericKubernetesResource.class);
    return new DesiredObject(ObjectRef.of(object), json, object);
  }

  /** Never shows the object's contents (it may be a Secret). */
  @Override
  public String toString() {
    return ref.toString();
  }
}
