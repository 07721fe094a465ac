package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code scale} subresource of Deployments, ReplicaSets and StatefulSets as an autoscaling/v1 Scale. */
final class ScaleSubresource {
  private ScaleSubresource() {
  }

  static MockResponse handle(ApiServer api, ResourceType type, String ns, String name, String verb,
      RecordedRequest request, String body, String manager, boolean dryRun) {
    if (!List.of("deployments", "replicasets", "statefulsets", "replicationcontrollers").contains(type.plural())) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null,
          List.of(), null);
    }
    ObjectNode object = api.get(type, ns, name);
    if (verb.equals("get")) {
      return ApiDispatcher.json(200, scale(object));
    }
    int replicas;
    if (verb.equals("update")) {
      replicas = Json.parseObject(body, false).path("spec").path("replicas").asInt(0);
    } else if (verb.equals("patch")) {
      // Patch the Scale view, then carry spec.replicas over to the object.
      ObjectNode patched = (ObjectNode) Json.MAPPER.readTree(Json.write(scale(object)));
      ObjectNode patch = Json.parseObject(body, !body.trim().startsWith("{") && !body.trim().startsWith("["));
      JsonNode value = patch.path("spec").path("replicas");
      replicas = value.isMissingNode() ? patched.path("spec").path("replicas").asInt() : value.asInt();
    } else {
      throw new ApiException(405, "MethodNotAllowed", "scale supports get, update and patch", null, null, List.of(),
          null);
    }
    ObjectNode updated = object.deepCopy();
    updated.withObject("spec").put("replicas", replicas);
    Json.metadata(updated).remove("resourceVersion");
    ObjectNode written = api.update(type, ns, updated, manager, dryRun);
    return ApiDispatcher.json(200, scale(written));
  }

  static ObjectNode scale(ObjectNode object) {
    ObjectNode s = Json.object();
    s.put("kind", "Scale");
    s.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = s.putObject("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      JsonNode v = object.path("metadata").get(field);
      if (v != null) {
        meta.set(field, v);
      }
    }
    s.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = s.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    Map<String, String> match = new TreeMap<>(Json.stringMap(object.path("spec").path("selector").get("matchLabels")));
    StringJoiner selector = new StringJoiner(",");
    match.forEach((k, v) -> selector.add(k + "=" + v));
    status.put("selector", selector.toString());
    return s;
  }
}
