package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /version}, {@code /api}, {@code /apis} and per-group-version resource lists, {@code metrics.k8s.io/v1beta1}
 * (served through aggregation) included.
 */
final class Discovery {

  static final String GIT_VERSION = "v1.34.0-keelson";

  private Discovery() {
  }

  static ObjectNode respond(String path, ResourceTypes types) {
    if (path.equals("/version")) {
      ObjectNode v = Json.object();
      v.put("major", "1");
      v.put("minor", "34");
      v.put("gitVersion", GIT_VERSION);
      v.put("platform", "linux/amd64");
      return v;
    }
    if (path.equals("/api")) {
      ObjectNode v = Json.object();
      v.put("kind", "APIVersions");
      v.putArray("versions").add("v1");
      return v;
    }
    if (path.equals("/apis")) {
      return groups(types);
    }
    String[] s = path.split("/");
    String group = s[1].equals("api") ? "" : s[2];
    String version = s[1].equals("api") ? s[2] : (s.length > 3 ? s[3] : "");
    ObjectNode list = Json.object();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    served(types).filter(t -> t.group().equals(group) && t.version().equals(version))
        .sorted((a, b) -> a.plural().compareTo(b.plural()))
        .forEach(t -> {
          boolean metrics = ResourceMetricsApi.serves(t);
          ObjectNode r = resources.addObject();
          r.put("name", t.plural());
          // metrics-server names no singular.
          r.put("singularName", metrics ? "" : t.kind().toLowerCase(java.util.Locale.ROOT));
          r.put("namespaced", t.namespaced());
          r.put("kind", t.kind());
          ArrayNode verbs = r.putArray("verbs");
          (metrics ? List.of("get", "list")
              : List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"))
              .forEach(verbs::add);
        });
    return list;
  }

  /** The API server's own resources and the resource metrics API it aggregates. */
  private static Stream<ResourceType> served(ResourceTypes types) {
    return Stream.concat(types.all().stream(), ResourceMetricsApi.TYPES.stream());
  }

  private static ObjectNode groups(ResourceTypes types) {
    Map<String, TreeSet<String>> versions = new TreeMap<>();
    for (ResourceType t : (Iterable<ResourceType>) served(types)::iterator) {
      if (!t.group().isEmpty()) {
        versions.computeIfAbsent(t.group(), g -> new TreeSet<>()).add(t.version());
      }
    }
    ObjectNode list = Json.object();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versions.forEach((group, vs) -> {
      ObjectNode g = groups.addObject();
      g.put("name", group);
      ArrayNode arr = g.putArray("versions");
      for (String v : vs) {
        ObjectNode gv = arr.addObject();
        gv.put("groupVersion", group + "/" + v);
        gv.put("version", v);
      }
      ObjectNode preferred = g.putObject("preferredVersion");
      preferred.put("groupVersion", group + "/" + vs.last());
      preferred.put("version", vs.last());
    });
    return list;
  }
}
