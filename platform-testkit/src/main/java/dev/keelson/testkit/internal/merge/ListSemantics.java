package dev.keelson.testkit.internal.merge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * How one list field merges: for server-side apply ({@code x-kubernetes-list-type} atomic, set, or map with its
 * {@code x-kubernetes-list-map-keys}) and for strategic merge patch ({@code patchStrategy} and
 * {@code patchMergeKey}).
 *
 * @param applyType server-side apply list type
 * @param keys the map keys (only for {@link ApplyType#MAP}), in schema order
 * @param keyDefaults values used for absent key fields when building an item's key (container port protocol "TCP")
 * @param patchStrategy strategic merge patch strategy
 * @param patchMergeKey strategic merge key, or null for a merged list of primitives (or a replaced list)
 * @param retainKeys whether the field also carries the {@code retainKeys} patch strategy
 * @param elementType schema type name of the items, or null when unknown or scalar
 */
public record ListSemantics(
        ApplyType applyType,
        List<String> keys,
        Map<String, JsonNode> keyDefaults,
        PatchStrategy patchStrategy,
        String patchMergeKey,
        boolean retainKeys,
        String elementType) {

    /** The Kubernetes default for a list without markers: atomic for apply, replaced by strategic merge patch. */
    public static final ListSemantics DEFAULT =
            new ListSemantics(ApplyType.ATOMIC, List.of(), Map.of(), PatchStrategy.REPLACE, null, false, null);

    /** Server-side apply list type. */
    public enum ApplyType {
        /** The whole list is one value. */
        ATOMIC,
        /** Scalars owned one by one ({@code v:<value>}). */
        SET,
        /** Items identified by key fields ({@code k:{...}}), each item's fields owned separately. */
        MAP
    }

    /** Strategic merge patch strategy. */
    public enum PatchStrategy {
        /** The patch's list replaces the live list. */
        REPLACE,
        /** Items are merged by {@link #patchMergeKey()}, or scalars are unioned when there is no merge key. */
        MERGE
    }

    /** Validates and copies. */
    public ListSemantics {
        Objects.requireNonNull(applyType, "applyType");
        Objects.requireNonNull(patchStrategy, "patchStrategy");
        keys = List.copyOf(keys);
        keyDefaults = Map.copyOf(keyDefaults);
        if (applyType == ApplyType.MAP && keys.isEmpty()) {
            throw new IllegalArgumentException("a map list needs key fields");
        }
    }

    /** True if strategic merge patch merges this list by a merge key. */
    public boolean patchMergesByKey() {
        return patchStrategy == PatchStrategy.MERGE && patchMergeKey != null;
    }

    /** True if strategic merge patch unions this list of scalars. */
    public boolean patchMergesPrimitives() {
        return patchStrategy == PatchStrategy.MERGE && patchMergeKey == null;
    }
}
