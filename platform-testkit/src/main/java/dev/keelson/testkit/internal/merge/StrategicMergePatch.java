package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) as apimachinery's {@code strategicpatch}
 * applies it on the server: maps merge recursively and {@code null} deletes a key; lists whose field has patch
 * strategy {@code merge} are merged by their merge key (or unioned, for scalars); other lists are replaced. Supports
 * the directives {@code $patch} (delete, replace, merge), {@code $retainKeys},
 * {@code $deleteFromPrimitiveList/<field>} and {@code $setElementOrder/<field>}; no directive survives in the result.
 * Malformed patches throw IllegalArgumentException.
 */
public final class StrategicMergePatch {

    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

    private final Schema schema;

    /** A patcher that looks patch strategies up in the given schema. */
    public StrategicMergePatch(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** The live object with the patch applied; neither argument is modified. */
    public ObjectNode apply(ObjectNode live, ObjectNode patch, String apiVersion, String kind) {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(patch, "patch");
        return mergeMap(schema.root(apiVersion, kind), live.deepCopy(), patch.deepCopy());
    }

    /** Merges {@code patch} into {@code original} (both owned by this call); original null means absent. */
    private ObjectNode mergeMap(Schema.Node node, ObjectNode original, ObjectNode patch) {
        JsonNode directive = patch.remove(DIRECTIVE);
        if (directive != null) {
            String d = directive.asString("");
            if (d.equals("delete")) {
                return JsonValues.NODES.objectNode();
            } else if (d.equals("replace")) {
                original = null;
            } else if (!d.equals("merge")) {
                throw new IllegalArgumentException("unknown patch type: " + d + " in map: " + patch);
            }
        }
        ObjectNode out = original == null ? JsonValues.NODES.objectNode() : original;
        retainKeys(out, patch);
        setElementOrders(node, out, patch);
        List<String> deletions = new ArrayList<>();
        for (String name : new ArrayList<>(patch.propertyNames())) {
            JsonNode value = patch.get(name);
            if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.add(name);
            } else if (!name.startsWith("$")) {
                mergeField(node.field(name), out, name, value);
            }
        }
        for (String name : deletions) {
            String field = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
            JsonNode toDelete = patch.get(name);
            if (!toDelete.isArray()) {
                throw new IllegalArgumentException("invalid patch format of primitive list");
            }
            if (out.get(field) instanceof ArrayNode list) {
                ArrayNode kept = JsonValues.NODES.arrayNode();
                for (JsonNode item : list) {
                    if (!contains(toDelete, item)) {
                        kept.add(item);
                    }
                }
                out.set(field, kept);
            }
        }
        return out;
    }

    private void mergeField(Schema.Node child, ObjectNode out, String name, JsonNode value) {
        if (value.isNull()) {
            out.remove(name);
            return;
        }
        JsonNode current = out.get(name);
        if (current != null && current.isObject() && value.isObject()) {
            out.set(name, mergeMap(child, (ObjectNode) current, (ObjectNode) value));
        } else if (current != null && current.isArray() && value.isArray()) {
            out.set(name, mergeList(child, (ArrayNode) current, (ArrayNode) value));
        } else {
            out.set(name, clean(child, value));
        }
    }

    /** A patch value for a field the live object lacks: directives and nulls removed. */
    private JsonNode clean(Schema.Node node, JsonNode value) {
        if (value.isObject()) {
            return mergeMap(node, null, (ObjectNode) value);
        }
        if (value.isArray()) {
            return mergeList(node, JsonValues.NODES.arrayNode(), (ArrayNode) value);
        }
        return value;
    }

    /** {@code $retainKeys}: drop live keys not listed; every patched key must be listed. */
    private static void retainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw new IllegalArgumentException("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        retain.forEach(k -> keep.add(k.asString()));
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String k = e.getKey();
            if (!e.getValue().isNull() && !k.startsWith(DELETE_FROM_PRIMITIVE_LIST) && !k.startsWith(SET_ELEMENT_ORDER)
                    && !k.startsWith("$") && !keep.contains(k)) {
                throw new IllegalArgumentException("invalid patch format of retainKeys");
            }
        }
        for (String k : new ArrayList<>(original.propertyNames())) {
            if (!keep.contains(k)) {
                original.remove(k);
            }
        }
    }

    /** {@code $setElementOrder/<field>}: merges that list now and orders it as listed. */
    private void setElementOrders(Schema.Node node, ObjectNode original, ObjectNode patch) {
        for (String name : new ArrayList<>(patch.propertyNames())) {
            if (!name.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(name);
            if (!order.isArray()) {
                throw new IllegalArgumentException("invalid patch format of setElementOrder list");
            }
            String field = name.substring(SET_ELEMENT_ORDER.length());
            Schema.Node child = node.field(field);
            JsonNode current = original.get(field);
            JsonNode patched = patch.remove(field);
            ArrayNode merged;
            if (patched != null && patched.isNull()) {
                original.remove(field);
                continue;
            } else if (current instanceof ArrayNode c && patched instanceof ArrayNode p) {
                merged = mergeList(child, c, p);
            } else if (patched instanceof ArrayNode p) {
                merged = (ArrayNode) clean(child, p);
            } else if (current instanceof ArrayNode c) {
                merged = c;
            } else {
                continue;
            }
            String mergeKey = child.list().patchMergeKey();
            if (mergeKey == null && hasObjects(merged)) {
                original.set(field, merged);
                continue;
            }
            List<JsonNode> serverOrder = current instanceof ArrayNode c ? list(c) : List.of();
            original.set(field, PatchListOrder.merged(list(merged), list(order), serverOrder, mergeKey));
        }
    }

    /** Merges a patch list into a live list following the field's patch strategy. */
    private ArrayNode mergeList(Schema.Node node, ArrayNode original, ArrayNode patch) {
        ListSemantics semantics = node.list();
        Schema.Node element = node.element();
        if (semantics.patchStrategy() != ListSemantics.PatchStrategy.MERGE) {
            ArrayNode out = JsonValues.NODES.arrayNode();
            for (JsonNode item : patch) {
                if (!(item.isObject() && item.has(DIRECTIVE))) {
                    out.add(clean(element, item));
                }
            }
            return out;
        }
        String mergeKey = semantics.patchMergeKey();
        if (mergeKey == null) {
            if (hasObjects(original) || hasObjects(patch)) {
                throw new IllegalArgumentException("cannot merge lists without merge key for type map");
            }
            List<JsonNode> both = new ArrayList<>();
            for (JsonNode item : original) {
                addUnique(both, item);
            }
            for (JsonNode item : patch) {
                addUnique(both, item);
            }
            return PatchListOrder.merged(both, list(patch), list(original), null);
        }
        return mergeKeyedList(element, original, patch, mergeKey);
    }

    private ArrayNode mergeKeyedList(Schema.Node element, ArrayNode original, ArrayNode patch, String mergeKey) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : original) {
            items.add(item.deepCopy());
        }
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("list element is not a map: " + item);
            }
            JsonNode directive = item.get(DIRECTIVE);
            if (directive == null) {
                plain.add(item);
                continue;
            }
            switch (directive.asString("")) {
                case "delete":
                    JsonNode key = mergeKeyOf(item, mergeKey);
                    items.removeIf(i -> i.isObject() && JsonValues.equal(i.get(mergeKey), key));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw new IllegalArgumentException("merging lists cannot yet be specified in the patch");
                default:
                    throw new IllegalArgumentException(
                            "unknown patch type: " + directive.asString("") + " in map: " + item);
            }
        }
        if (replace) {
            items = new ArrayList<>();
            for (JsonNode item : plain) {
                items.add(clean(element, item));
            }
            plain = List.of();
        }
        List<JsonNode> serverOrder = new ArrayList<>(items);
        List<JsonNode> merged = new ArrayList<>(items);
        for (JsonNode item : plain) {
            JsonNode key = mergeKeyOf(item, mergeKey);
            int found = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).isObject() && JsonValues.equal(merged.get(i).get(mergeKey), key)) {
                    found = i;
                    break;
                }
            }
            if (found >= 0) {
                merged.set(found, mergeMap(element, (ObjectNode) merged.get(found), (ObjectNode) item.deepCopy()));
            } else {
                merged.add(clean(element, item.deepCopy()));
            }
        }
        return PatchListOrder.merged(merged, plain, serverOrder, mergeKey);
    }

    private static JsonNode mergeKeyOf(JsonNode item, String mergeKey) {
        JsonNode key = item.get(mergeKey);
        if (key == null) {
            throw new IllegalArgumentException("map: " + item + " does not contain declared merge key: " + mergeKey);
        }
        return key;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static boolean hasObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainer()) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, JsonNode item) {
        for (JsonNode candidate : array) {
            if (JsonValues.equal(candidate, item)) {
                return true;
            }
        }
        return false;
    }

    private static void addUnique(List<JsonNode> list, JsonNode item) {
        for (JsonNode existing : list) {
            if (JsonValues.equal(existing, item)) {
                return;
            }
        }
        list.add(item);
    }
}
