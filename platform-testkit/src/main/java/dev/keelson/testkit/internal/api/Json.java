package dev.keelson.testkit.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** JSON trees: parsing, writing and the few metadata accessors the API server needs. */
public final class Json {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final YAMLMapper YAML = YAMLMapper.builder().build();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Parses a JSON (or, with {@code yaml}, YAML) object body. */
  public static ObjectNode parseObject(String body, boolean yaml) {
    JsonNode node = yaml ? YAML.readTree(body) : MAPPER.readTree(body);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the request body is not an object");
    }
    return (ObjectNode) node;
  }

  public static JsonNode parse(String body) {
    return MAPPER.readTree(body);
  }

  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The text at a path of field names, or null when absent or not a string. */
  public static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n != null && n.isString() ? n.asString() : null;
  }

  /** The object at a path, or null. */
  public static ObjectNode objectAt(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n != null && n.isObject() ? (ObjectNode) n : null;
  }

  /** {@code metadata}, created when missing. */
  public static ObjectNode metadata(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m == null || !m.isObject()) {
      ObjectNode created = object();
      object.set("metadata", created);
      return created;
    }
    return (ObjectNode) m;
  }

  /** A string map such as labels; empty when absent. */
  public static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
      }
    }
    return out;
  }

  public static Map<String, String> labels(JsonNode object) {
    return stringMap(object.path("metadata").get("labels"));
  }
}
