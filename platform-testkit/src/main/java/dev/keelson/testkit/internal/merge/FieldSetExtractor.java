package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Walks an object and collects its field paths (structured-merge-diff's {@code ToFieldSet}). */
final class FieldSetExtractor {

    /** Metadata fields the server owns; never part of a manager's set. */
    static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "clusterName");

    /** What to leave out of a set. */
    enum Scope {
        /** The main resource: type meta, server metadata and status are never owned. */
        MAIN,
        /** The status subresource: type meta, server metadata and spec are never owned. */
        STATUS,
        /** Any other subresource: only type meta and server metadata are left out. */
        ALL,
        /** Nothing is left out (what structured-merge-diff itself sees, used when pruning). */
        NONE
    }

    private FieldSetExtractor() {}

    static FieldSet extract(Schema.Node root, JsonNode object, Scope scope) {
        FieldSet out = FieldSet.empty();
        walk(root, object, new ArrayList<>(), out, scope);
        return out;
    }

    /** True if a path is left out of sets under this scope (checked on the first one or two elements). */
    static boolean excluded(List<PathElement> path, Scope scope) {
        if (scope == Scope.NONE || path.isEmpty() || !(path.get(0) instanceof PathElement.Field top)) {
            return false;
        }
        String name = top.name();
        if (path.size() == 1) {
            return name.equals("apiVersion") || name.equals("kind")
                    || (scope == Scope.MAIN && name.equals("status"))
                    || (scope == Scope.STATUS && name.equals("spec"));
        }
        return name.equals("metadata") && path.size() == 2 && path.get(1) instanceof PathElement.Field f
                && SERVER_METADATA.contains(f.name());
    }

    private static void walk(Schema.Node node, JsonNode value, List<PathElement> path, FieldSet out, Scope scope) {
        if (value.isObject()) {
            if (node.isAtomicMap() || value.isEmpty()) {
                out.insert(path);
                return;
            }
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                path.add(new PathElement.Field(e.getKey()));
                if (!excluded(path, scope)) {
                    walk(node.field(e.getKey()), e.getValue(), path, out, scope);
                }
                path.remove(path.size() - 1);
            }
        } else if (value.isArray()) {
            List<PathElement> items = ListItems.elements(node.list(), value);
            if (items == null) {
                out.insert(path);
                return;
            }
            Schema.Node element = node.element();
            for (int i = 0; i < items.size(); i++) {
                path.add(items.get(i));
                walk(element, value.get(i), path, out, scope);
                out.insert(path);
                path.remove(path.size() - 1);
            }
        } else {
            out.insert(path);
        }
    }
}
