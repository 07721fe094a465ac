package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed API request path: resource type, namespace, name, subresource and query parameters.
 *
 * @param type the resource, or null for discovery paths
 * @param namespace the namespace from the URL, or null
 * @param name the object name, or null for collections
 * @param subresource {@code status}, {@code scale}, {@code eviction}, ..., or null
 * @param query decoded query parameters, the last value of each (plus {@code watch} for legacy watch paths)
 * @param parameters the query parameters as they came, each with all its values
 * @param discovery the discovery path ({@code /api}, {@code /apis/apps/v1}, {@code /version}), when not a resource
 */
record ApiPath(ResourceType type, String namespace, String name, String subresource, Map<String, String> query,
    Map<String, List<String>> parameters, String discovery) {

  /** Finds a resource by URL parts, e.g. ("apps", "v1", "deployments"). */
  interface Lookup {
    Optional<ResourceType> byPlural(String group, String version, String plural);
  }

  static Optional<ApiPath> parse(String rawPath, ResourceTypes types) {
    return parse(rawPath, types::byPlural);
  }

  static Optional<ApiPath> parse(String rawPath, Lookup types) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    Map<String, List<String>> parameters = Forms.ofQuery(rawPath);
    Map<String, String> query = new HashMap<>();
    parameters.forEach((k, v) -> query.put(k, v.get(v.size() - 1)));
    String[] s = path.replaceAll("/+$", "").split("/");
    // s[0] is empty (leading slash)
    if (s.length <= 1 || path.equals("/version") || path.equals("/api") || path.equals("/apis")) {
      return Optional.of(new ApiPath(null, null, null, null, query, parameters, path));
    }
    String group;
    String version;
    int i;
    if (s[1].equals("api") && s.length >= 3) {
      group = "";
      version = s[2];
      i = 3;
    } else if (s[1].equals("apis") && s.length >= 4) {
      group = s[2];
      version = s[3];
      i = 4;
    } else if (s[1].equals("apis") && s.length == 3) {
      return Optional.of(new ApiPath(null, null, null, null, query, parameters, path));
    } else {
      return Optional.empty();
    }
    if (i == s.length) {
      return Optional.of(new ApiPath(null, null, null, null, query, parameters, path));
    }
    if (s[i].equals("watch")) {
      // Legacy /api/v1/watch/... paths.
      query.put("watch", "true");
      i++;
    }
    String namespace = null;
    if (s[i].equals("namespaces")) {
      int rest = s.length - i;
      boolean namespaceSubresource = rest == 3 && (s[i + 2].equals("status") || s[i + 2].equals("finalize"));
      if (rest <= 2 || namespaceSubresource) {
        Optional<ResourceType> ns = types.byPlural(group, version, "namespaces");
        String nsName = rest >= 2 ? s[i + 1] : null;
        String sub = namespaceSubresource ? s[i + 2] : null;
        return ns.map(t -> new ApiPath(t, null, nsName, sub, query, parameters, null));
      }
      namespace = s[i + 1];
      i += 2;
    }
    String plural = s[i];
    Optional<ResourceType> type = types.byPlural(group, version, plural);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String name = s.length > i + 1 ? s[i + 1] : null;
    String sub = s.length > i + 2 ? s[i + 2] : null;
    return Optional.of(new ApiPath(type.get(), namespace, name, sub, query, parameters, null));
  }

  boolean flag(String key) {
    String v = query.get(key);
    return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
  }
}
