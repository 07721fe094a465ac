package dev.keelson.testkit.internal.merge;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks an apply configuration and strips what an apply to the main resource never writes. */
final class ApplyConfiguration {

    private ApplyConfiguration() {}

    /**
     * A copy of {@code config} without {@code status} (without {@code spec} when applying to the status
     * subresource) and without server-owned metadata (uid, resourceVersion,
     * generation, creationTimestamp, selfLink, deletionTimestamp). Throws IllegalArgumentException, with
     * Kubernetes' wording, when apiVersion or kind is missing, managedFields is set, or an associative list item
     * lacks its key or repeats another's.
     */
    static ObjectNode sanitize(ObjectNode config, Schema.Node root, FieldSetExtractor.Scope scope) {
        String apiVersion = config.path("apiVersion").asString("");
        String kind = config.path("kind").asString("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new IllegalArgumentException("apply configuration must set apiVersion and kind");
        }
        JsonNode managedFields = config.path("metadata").path("managedFields");
        if (managedFields.isArray() && !managedFields.isEmpty()) {
            throw new IllegalArgumentException("metadata.managedFields must be nil");
        }
        String problem = problem(root, config, "");
        if (problem != null) {
            String version = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
            throw new IllegalArgumentException(
                    "failed to create typed patch object (" + version + ", Kind=" + kind + "): " + problem);
        }
        ObjectNode copy = config.deepCopy();
        if (scope == FieldSetExtractor.Scope.MAIN) {
            copy.remove("status");
        } else if (scope == FieldSetExtractor.Scope.STATUS) {
            copy.remove("spec");
        }
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            for (String field : FieldSetExtractor.SERVER_METADATA) {
                if (!field.equals("name") && !field.equals("namespace")) {
                    metadata.remove(field);
                }
            }
        }
        return copy;
    }

    private static String problem(Schema.Node node, JsonNode value, String path) {
        if (value.isObject() && !node.isAtomicMap()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                String p = problem(node.field(e.getKey()), e.getValue(), path + "." + e.getKey());
                if (p != null) {
                    return p;
                }
            }
        } else if (value.isArray()) {
            String p = ListItems.problem(node.list(), value, path);
            if (p != null) {
                return p;
            }
            if (node.list().applyType() == ListSemantics.ApplyType.MAP) {
                for (JsonNode item : value) {
                    String q = problem(node.element(), item, path + ListItems.element(node.list(), item));
                    if (q != null) {
                        return q;
                    }
                }
            }
        }
        return null;
    }
}
