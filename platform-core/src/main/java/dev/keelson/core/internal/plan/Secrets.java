package dev.keelson.core.internal.plan;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Which fields carry secret values, and how they are masked wherever an object is shown. */
public final class Secrets {
  public static final String MASK = "***";

  private Secrets() {
  }

  /** True for a core {@code v1} Secret. */
  public static boolean isSecret(JsonNode object) {
    return object != null && "Secret".equals(object.path("kind").asString(""))
        && "v1".equals(object.path("apiVersion").asString(""));
  }

  /** True when {@code path} (dotted, from the object root) holds a secret value of a Secret. */
  public static boolean isSecretPath(boolean secret, String path) {
    return secret && (path.startsWith("data.") || path.startsWith("stringData.") || path.equals("data")
        || path.equals("stringData"));
  }

  /** A copy with every value of {@code data} and {@code stringData} replaced by the mask (keys kept). */
  public static JsonNode masked(JsonNode object) {
    if (!isSecret(object)) {
      return object;
    }
    ObjectNode copy = (ObjectNode) object.deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode values = copy.get(field);
      if (values instanceof ObjectNode map) {
        for (String key : map.propertyNames()) {
          map.put(key, MASK);
        }
      }
    }
    return copy;
  }
}
