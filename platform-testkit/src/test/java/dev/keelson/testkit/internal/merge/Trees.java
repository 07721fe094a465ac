package dev.keelson.testkit.internal.merge;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test helpers: JSON trees from YAML or JSON text. */
final class Trees {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Trees() {}

    static ObjectNode yaml(String text) {
        return (ObjectNode) YAML.readTree(text);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static ObjectNode jsonObject(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    static JsonNode at(JsonNode node, String pointer) {
        return node.at(pointer);
    }
}
