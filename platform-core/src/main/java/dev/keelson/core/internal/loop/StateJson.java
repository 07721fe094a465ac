package dev.keelson.core.internal.loop;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mapping of state documents and of the merge patches that write them. */
final class StateJson {

  /** Immutable and thread-safe; unknown properties are ignored so that newer code may add fields. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StateJson() {
  }

  /** A JSON merge patch that sets {@code section.key} to {@code value}, on condition of {@code resourceVersion}. */
  static String conditionalPatch(String resourceVersion, String section, String key, String value) {
    ObjectNode patch = MAPPER.createObjectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", resourceVersion);
    ObjectNode target = section.equals("annotations") ? metadata.putObject("annotations") : patch.putObject(section);
    target.put(key, value);
    return MAPPER.writeValueAsString(patch);
  }
}
