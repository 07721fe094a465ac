package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges an apply configuration into a live object (structured-merge-diff's {@code TypedValue.Merge}): maps and
 * structs field by field, associative lists item by item, everything atomic replaced. A {@code null} in the
 * configuration leaves the field out of the result. Object keys keep the live order, new keys follow in the
 * configuration's order; list order follows the configuration for shared items.
 */
final class StructuredMerge {

    private StructuredMerge() {}

    /** {@code lhs ⊕ rhs}; either may be null (absent). Returns null if the result is absent; inputs are untouched. */
    static JsonNode merge(Schema.Node node, JsonNode lhs, JsonNode rhs) {
        if (JsonValues.absent(rhs)) {
            return JsonValues.absent(lhs) ? null : lhs.deepCopy();
        }
        if (rhs.isNull()) {
            return null;
        }
        if (rhs.isObject()) {
            if (node.isAtomicMap()) {
                return rhs.deepCopy();
            }
            return mergeObjects(node, lhs != null && lhs.isObject() ? lhs : null, rhs);
        }
        if (rhs.isArray()) {
            ListSemantics semantics = node.list();
            List<PathElement> rhsItems = ListItems.elements(semantics, rhs);
            if (rhsItems == null) {
                return rhs.deepCopy();
            }
            List<PathElement> lhsItems = lhs != null && lhs.isArray() ? ListItems.elements(semantics, lhs) : List.of();
            if (lhsItems == null) {
                return rhs.deepCopy();
            }
            return mergeLists(node.element(), lhs, lhsItems, rhs, rhsItems);
        }
        return rhs.deepCopy();
    }

    private static ObjectNode mergeObjects(Schema.Node node, JsonNode lhs, JsonNode rhs) {
        ObjectNode out = JsonValues.NODES.objectNode();
        if (lhs != null) {
            for (Map.Entry<String, JsonNode> e : lhs.properties()) {
                JsonNode merged = merge(node.field(e.getKey()), e.getValue(), rhs.get(e.getKey()));
                if (merged != null) {
                    out.set(e.getKey(), merged);
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : rhs.properties()) {
            if (lhs == null || !lhs.has(e.getKey())) {
                JsonNode merged = merge(node.field(e.getKey()), null, e.getValue());
                if (merged != null) {
                    out.set(e.getKey(), merged);
                }
            }
        }
        return out;
    }

    /** structured-merge-diff's list merge order: shared items in the configuration's order, live-only items kept. */
    private static ArrayNode mergeLists(Schema.Node element, JsonNode lhs, List<PathElement> lhsPes, JsonNode rhs,
            List<PathElement> rhsPes) {
        Map<PathElement, JsonNode> observedLhs = new HashMap<>();
        for (int i = 0; i < lhsPes.size(); i++) {
            observedLhs.put(lhsPes.get(i), lhs.get(i));
        }
        Map<PathElement, JsonNode> observedRhs = new HashMap<>();
        for (int i = 0; i < rhsPes.size(); i++) {
            observedRhs.put(rhsPes.get(i), rhs.get(i));
        }
        List<PathElement> sharedOrder = new ArrayList<>();
        for (PathElement pe : rhsPes) {
            if (observedLhs.containsKey(pe)) {
                sharedOrder.add(pe);
            }
        }
        int shared = 0;
        Set<PathElement> mergedRhs = new HashSet<>();
        ArrayNode out = JsonValues.NODES.arrayNode();
        int l = 0;
        int r = 0;
        while (l < lhsPes.size() || r < rhsPes.size()) {
            PathElement nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared) : null;
            if (l < lhsPes.size() && r < rhsPes.size()) {
                PathElement pe = lhsPes.get(l);
                if (pe.equals(rhsPes.get(r))) {
                    mergedRhs.add(pe);
                    add(out, merge(element, observedLhs.get(pe), observedRhs.get(pe)));
                    l++;
                    r++;
                    shared++;
                    continue;
                }
                if (observedRhs.containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
                    l++;
                    continue;
                }
            }
            if (l < lhsPes.size()) {
                PathElement pe = lhsPes.get(l);
                if (!observedRhs.containsKey(pe)) {
                    add(out, merge(element, lhs.get(l), null));
                    l++;
                    continue;
                } else if (mergedRhs.contains(pe)) {
                    l++;
                    continue;
                }
            }
            if (r < rhsPes.size()) {
                PathElement pe = rhsPes.get(r);
                mergedRhs.add(pe);
                add(out, merge(element, observedLhs.get(pe), observedRhs.get(pe)));
                r++;
                if (pe.equals(nextShared)) {
                    shared++;
                }
            }
        }
        return out;
    }

    private static void add(ArrayNode out, JsonNode item) {
        if (item != null) {
            out.add(item);
        }
    }
}
