package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The element order of a list merged by strategic merge patch (apimachinery's {@code normalizeElementOrder} and
 * {@code mergeSortedSlice}): patch order wins for patched items, live order for the rest, and items only in the
 * patch come before live items they cannot be compared with.
 */
final class PatchListOrder {

    private PatchListOrder() {}

    /**
     * Orders a merged list: items named by {@code patchOrder} (the patch list or a {@code $setElementOrder} list) in
     * that order, interleaved with the server-only items in their live order.
     *
     * @param mergeKey the merge key, or null for a list of scalars
     */
    static ArrayNode merged(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder,
            String mergeKey) {
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (index(patchOrder, item, mergeKey) >= 0 ? inPatch : serverOnly).add(item);
        }
        return normalizeOrder(inPatch, serverOnly, patchOrder, serverOrder, mergeKey);
    }

    /** apimachinery's {@code normalizeElementOrder}: each part sorted by its order, then merged by server order. */
    private static ArrayNode normalizeOrder(List<JsonNode> patchItems, List<JsonNode> serverOnly,
            List<JsonNode> patchOrder, List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> right = sortBy(patchItems, patchOrder, mergeKey);
        List<JsonNode> left = sortBy(serverOnly, serverOrder, mergeKey);
        ArrayNode out = JsonValues.NODES.arrayNode();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey);
                int ri = index(serverOrder, right.get(j), mergeKey);
                if (li >= 0 && ri >= 0 && li < ri) {
                    out.add(left.get(i++));
                } else {
                    out.add(right.get(j++));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
        List<JsonNode> sorted = new ArrayList<>(items);
        if (order.isEmpty()) {
            return sorted;
        }
        sorted.sort((a, b) -> {
            int ia = index(order, a, mergeKey);
            int ib = index(order, b, mergeKey);
            return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
        });
        return sorted;
    }

    private static int index(List<JsonNode> list, JsonNode item, String mergeKey) {
        JsonNode wanted = mergeKey == null ? item : item.get(mergeKey);
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = mergeKey == null ? list.get(i) : list.get(i).get(mergeKey);
            if (wanted != null && candidate != null && JsonValues.equal(wanted, candidate)) {
                return i;
            }
        }
        return -1;
    }
}
