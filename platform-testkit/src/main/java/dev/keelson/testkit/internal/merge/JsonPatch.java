package dev.keelson.testkit.internal.merge;

import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}): add, remove, replace, move, copy and test, applied
 * with fabric8's zjsonpatch (Jackson 3). A failed {@code test}, a missing path or a malformed operation throws
 * IllegalArgumentException. Inputs are never modified.
 */
public final class JsonPatch {

    private JsonPatch() {}

    /** The document with the operations (a JSON array) applied. */
    public static JsonNode apply(JsonNode live, JsonNode operations) {
        if (operations == null || !operations.isArray()) {
            throw new IllegalArgumentException("a JSON patch must be an array of operations");
        }
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(operations, live);
        } catch (JsonPatchException e) {
            String at = e.getPath() == null ? "" : e.getPath().toString();
            String path = at.isEmpty() ? "" : " (at " + at + ")";
            throw new IllegalArgumentException("JSON patch failed: " + e.getMessage() + path, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON patch: " + e.getMessage(), e);
        }
    }

    /** The object with the operations applied; the result must still be an object. */
    public static ObjectNode apply(ObjectNode live, JsonNode operations) {
        JsonNode out = apply((JsonNode) live, operations);
        if (!(out instanceof ObjectNode object)) {
            throw new IllegalArgumentException("JSON patch turned the object into " + out.getNodeType());
        }
        return object;
    }
}
