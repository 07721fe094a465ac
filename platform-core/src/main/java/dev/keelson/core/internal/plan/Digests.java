package dev.keelson.core.internal.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Digests of objects for audit records: SHA-256 over canonical JSON (keys sorted) without status and
 * server-managed metadata, so that the same content always has the same digest. A Secret's values are left out,
 * only its keys count: a digest must not let anyone test guesses of a secret.
 */
public final class Digests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> VOLATILE = List.of("resourceVersion", "managedFields", "generation", "uid",
      "creationTimestamp", "selfLink");

  private Digests() {
  }

  public static String of(JsonNode object) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode meta) {
      VOLATILE.forEach(meta::remove);
    }
    if (Secrets.isSecret(copy)) {
      for (String field : List.of("data", "stringData")) {
        if (copy.get(field) instanceof ObjectNode values) {
          for (String key : values.propertyNames()) {
            values.put(key, "");
          }
        }
      }
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(canonical(copy))
          .getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      ObjectNode out = JSON.createObjectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(item -> out.add(canonical(item)));
      return out;
    }
    return node;
  }
}
