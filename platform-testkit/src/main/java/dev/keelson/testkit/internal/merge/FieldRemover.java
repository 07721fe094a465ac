package dev.keelson.testkit.internal.merge;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes a set of paths from an object (structured-merge-diff's {@code RemoveItems}): a member path removes the
 * field or list item with everything under it. A map or list that loses all its entries disappears.
 */
final class FieldRemover {

    private FieldRemover() {}

    /** A copy of {@code value} without the paths in {@code toRemove}; null if it lost all its entries. */
    static JsonNode remove(Schema.Node node, JsonNode value, FieldSet toRemove) {
        if (toRemove.isEmpty() || value.isEmpty()) {
            return value.deepCopy();
        }
        if (value.isObject() && !node.isAtomicMap()) {
            return removeFromObject(node, value, toRemove);
        }
        if (value.isArray()) {
            List<PathElement> items = ListItems.elements(node.list(), value);
            if (items != null) {
                return removeFromList(node.element(), value, items, toRemove);
            }
        }
        return value.deepCopy();
    }

    private static JsonNode removeFromObject(Schema.Node node, JsonNode value, FieldSet toRemove) {
        ObjectNode out = JsonValues.NODES.objectNode();
        boolean removedHere = false;
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            PathElement pe = new PathElement.Field(e.getKey());
            if (toRemove.hasMember(pe)) {
                removedHere = true;
                continue;
            }
            JsonNode kept = remove(node.field(e.getKey()), e.getValue(), toRemove.child(pe));
            if (kept != null) {
                out.set(e.getKey(), kept);
            }
        }
        return removedHere && out.isEmpty() ? null : out;
    }

    private static JsonNode removeFromList(Schema.Node element, JsonNode value, List<PathElement> items,
            FieldSet toRemove) {
        ArrayNode out = JsonValues.NODES.arrayNode();
        boolean removedHere = false;
        for (int i = 0; i < items.size(); i++) {
            PathElement pe = items.get(i);
            if (toRemove.hasMember(pe)) {
                removedHere = true;
                continue;
            }
            JsonNode kept = remove(element, value.get(i), toRemove.child(pe));
            if (kept != null) {
                out.add(kept);
            }
        }
        return removedHere && out.isEmpty() ? null : out;
    }
}
