package dev.keelson.testkit.internal.merge;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}): objects merge recursively, {@code null}
 * removes a member, anything else (arrays included) replaces. Inputs are never modified.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {}

    /** The target with the patch applied. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target.deepCopy()
                : JsonValues.NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), apply(out.get(e.getKey()), e.getValue()));
            }
        }
        return out;
    }

    /** The object with an object patch applied. */
    public static ObjectNode apply(ObjectNode live, ObjectNode patch) {
        return (ObjectNode) apply((JsonNode) live, (JsonNode) patch);
    }
}
