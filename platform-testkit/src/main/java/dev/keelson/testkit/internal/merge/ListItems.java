package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Identifies the items of set and map lists for server-side apply ({@code k:{...}} and {@code v:...}). */
final class ListItems {

    private ListItems() {}

    /**
     * The element identifying each item, in list order; null if the list is atomic, or if an item lacks a key field
     * (without default), is of the wrong shape, or repeats another item's key: such lists are handled as one value.
     */
    static List<PathElement> elements(ListSemantics semantics, JsonNode array) {
        if (semantics.applyType() == ListSemantics.ApplyType.ATOMIC || array == null || !array.isArray()) {
            return null;
        }
        List<PathElement> out = new ArrayList<>();
        Set<PathElement> seen = new HashSet<>();
        for (JsonNode item : array) {
            PathElement pe = element(semantics, item);
            if (pe == null || !seen.add(pe)) {
                return null;
            }
            out.add(pe);
        }
        return out;
    }

    /** The element for one item, or null if it cannot be identified. */
    static PathElement element(ListSemantics semantics, JsonNode item) {
        if (semantics.applyType() == ListSemantics.ApplyType.SET) {
            return item.isContainer() ? null : new PathElement.Value(item);
        }
        if (!item.isObject()) {
            return null;
        }
        Map<String, JsonNode> key = new TreeMap<>();
        for (String name : semantics.keys()) {
            JsonNode v = item.get(name);
            if (v == null || v.isNull()) {
                v = semantics.keyDefaults().get(name);
            }
            if (v == null || v.isContainer()) {
                return null;
            }
            key.put(name, v);
        }
        return new PathElement.Key(key);
    }

    /**
     * Why an apply configuration's list cannot be used, in Kubernetes' words, or null if it is fine.
     *
     * @param path printed path of the list
     */
    static String problem(ListSemantics semantics, JsonNode array, String path) {
        if (semantics.applyType() == ListSemantics.ApplyType.ATOMIC) {
            return null;
        }
        Set<PathElement> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            PathElement pe = element(semantics, item);
            if (pe == null) {
                if (semantics.applyType() == ListSemantics.ApplyType.MAP && item.isObject()) {
                    String missing = semantics.keys().stream()
                            .filter(k -> (item.get(k) == null || item.get(k).isNull())
                                    && !semantics.keyDefaults().containsKey(k))
                            .findFirst().orElse(semantics.keys().get(0));
                    return path + ": element " + i + ": associative list with keys has an element that omits key "
                            + "field \"" + missing + "\" (and doesn't have default value)";
                }
                return path + ": element " + i + ": expected " + (semantics.applyType() == ListSemantics.ApplyType.SET
                        ? "a scalar" : "an object") + " in an associative list";
            }
            if (!seen.add(pe)) {
                return path + ": duplicate entries for key " + pe;
            }
        }
        return null;
    }
}
