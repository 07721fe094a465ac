package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares two versions of an object field by field (structured-merge-diff's {@code TypedValue.Compare}) and
 * reports which paths were added, modified and removed. A map or list item that appears as a whole is recorded
 * itself as well as its fields, so its owner gets the {@code "."} entry.
 */
final class StructuredDiff {

    /**
     * The result of a comparison.
     *
     * @param added paths present only in the new object
     * @param modified leaf paths whose value changed
     * @param removed paths present only in the old object
     */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        boolean isSame() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }

    private final FieldSetExtractor.Scope scope;
    private final FieldSet added = FieldSet.empty();
    private final FieldSet modified = FieldSet.empty();
    private final FieldSet removed = FieldSet.empty();

    private StructuredDiff(FieldSetExtractor.Scope scope) {
        this.scope = scope;
    }

    /** Compares {@code lhs} (old, null if absent) with {@code rhs} (new), skipping paths the scope never owns. */
    static Comparison compare(Schema.Node root, JsonNode lhs, JsonNode rhs, FieldSetExtractor.Scope scope) {
        StructuredDiff diff = new StructuredDiff(scope);
        diff.walk(root, lhs, rhs, new ArrayList<>());
        return new Comparison(diff.added, diff.modified, diff.removed);
    }

    private void walk(Schema.Node node, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
        boolean lAbsent = JsonValues.absent(lhs);
        boolean rAbsent = JsonValues.absent(rhs);
        if (lAbsent && rAbsent) {
            return;
        }
        boolean objects = isObjectLike(lhs) && isObjectLike(rhs);
        boolean arrays = isArrayLike(lhs) && isArrayLike(rhs);
        boolean bothEmpty = JsonValues.emptyOrNull(lhs) && JsonValues.emptyOrNull(rhs);
        if (objects && !bothEmpty && !node.isAtomicMap() && (hasContainer(lhs) || hasContainer(rhs))) {
            walkObjects(node, lhs, rhs, path);
        } else if (arrays && !bothEmpty && walkLists(node, lhs, rhs, path)) {
            // items compared one by one
        } else {
            leaf(lhs, rhs, path);
            return;
        }
        if (lAbsent) {
            added.insert(path);
        } else if (rAbsent) {
            removed.insert(path);
        }
    }

    private void leaf(JsonNode lhs, JsonNode rhs, List<PathElement> path) {
        if (JsonValues.absent(lhs)) {
            added.insert(path);
        } else if (JsonValues.absent(rhs)) {
            removed.insert(path);
        } else if (!JsonValues.equal(lhs, rhs)) {
            modified.insert(path);
        }
    }

    private void walkObjects(Schema.Node node, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
        // Keys of lhs, then those only in rhs; the order does not matter as the sets are sorted.
        ObjectNode l = lhs != null && lhs.isObject() ? (ObjectNode) lhs : null;
        ObjectNode r = rhs != null && rhs.isObject() ? (ObjectNode) rhs : null;
        if (l != null) {
            for (Map.Entry<String, JsonNode> e : l.properties()) {
                child(node, e.getKey(), e.getValue(), r == null ? null : r.get(e.getKey()), path);
            }
        }
        if (r != null) {
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                if (l == null || !l.has(e.getKey())) {
                    child(node, e.getKey(), null, e.getValue(), path);
                }
            }
        }
    }

    private void child(Schema.Node node, String key, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
        // Equal values never add, modify or remove anything below them.
        if (lhs != null && rhs != null && JsonValues.equal(lhs, rhs)) {
            return;
        }
        path.add(new PathElement.Field(key));
        if (!FieldSetExtractor.excluded(path, scope)) {
            walk(node.field(key), lhs, rhs, path);
        }
        path.remove(path.size() - 1);
    }

    /** Compares associative lists item by item; false if either list must be treated as one value. */
    private boolean walkLists(Schema.Node node, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
        ListSemantics semantics = node.list();
        List<PathElement> lPes = itemsOf(semantics, lhs);
        List<PathElement> rPes = itemsOf(semantics, rhs);
        if (lPes == null || rPes == null) {
            return false;
        }
        Map<PathElement, JsonNode> lItems = new HashMap<>();
        for (int i = 0; i < lPes.size(); i++) {
            lItems.put(lPes.get(i), lhs.get(i));
        }
        Set<PathElement> inRhs = new HashSet<>(rPes);
        Schema.Node element = node.element();
        for (int i = 0; i < rPes.size(); i++) {
            JsonNode l = lItems.get(rPes.get(i));
            JsonNode r = rhs.get(i);
            if (l != null && JsonValues.equal(l, r)) {
                continue;
            }
            path.add(rPes.get(i));
            walk(element, l, r, path);
            path.remove(path.size() - 1);
        }
        for (int i = 0; i < lPes.size(); i++) {
            if (!inRhs.contains(lPes.get(i))) {
                path.add(lPes.get(i));
                walk(element, lhs.get(i), null, path);
                path.remove(path.size() - 1);
            }
        }
        return true;
    }

    private static List<PathElement> itemsOf(ListSemantics semantics, JsonNode list) {
        if (semantics.applyType() == ListSemantics.ApplyType.ATOMIC) {
            return null;
        }
        if (list == null || !list.isArray()) {
            return List.of();
        }
        return ListItems.elements(semantics, list);
    }

    private static JsonNode field(JsonNode object, String key) {
        return object != null && object.isObject() ? object.get(key) : null;
    }

    private static boolean isObjectLike(JsonNode n) {
        return JsonValues.absent(n) || n.isNull() || n.isObject();
    }

    private static boolean isArrayLike(JsonNode n) {
        return JsonValues.absent(n) || n.isNull() || n.isArray();
    }

    private static boolean hasContainer(JsonNode n) {
        return n != null && n.isContainer();
    }
}
