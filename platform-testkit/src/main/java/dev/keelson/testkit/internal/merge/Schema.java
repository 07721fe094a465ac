package dev.keelson.testkit.internal.merge;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compact type graph of Kubernetes objects that answers how each field merges: whether a list is atomic, a set or
 * a map keyed by some fields for server-side apply, how strategic merge patch merges it, and whether a map or struct
 * is atomic. A root table maps group + kind to the root type.
 *
 * <p>Anything the graph does not describe (unknown kinds, unknown fields) gets Kubernetes' default: lists are atomic
 * (and replaced by strategic merge patch), maps and structs are granular, with every field owned separately.
 * {@link #kubernetes()} is seeded from the built-in API types; {@link SchemaBuilder} builds others.
 */
public final class Schema {

    private static final Schema KUBERNETES = KubernetesSchema.build();

    private final Map<String, TypeDef> types;
    private final Map<String, String> roots;
    private final Node unknown;
    /** Root nodes by apiVersion, then kind (nodes are immutable). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<String, Node>>
            rootCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** How a Go field looks in the zero value of its struct (the "live" object Kubernetes compares a create with). */
    enum Presence {
        /** Omitted ({@code omitempty} or pointer). */
        OMITTED,
        /** A non-pointer struct, always serialized as {@code {}} at least. */
        EMPTY_STRUCT,
        /** Serialized as {@code null} (a slice without {@code omitempty}). */
        NULL
    }

    record TypeDef(String name, boolean atomic, Map<String, FieldDef> fields) {}

    record FieldDef(String type, ListSemantics list, boolean atomic, Presence presence) {}

    /** The built-in Kubernetes types; the same as {@link #kubernetes()}. */
    public Schema() {
        this(KUBERNETES.types, KUBERNETES.roots);
    }

    Schema(Map<String, TypeDef> types, Map<String, String> roots) {
        this.types = Map.copyOf(types);
        this.roots = Map.copyOf(roots);
        this.unknown = new Node(null, null, false);
        for (TypeDef t : types.values()) {
            for (Map.Entry<String, FieldDef> f : t.fields().entrySet()) {
                String ref = f.getValue().type();
                if (ref != null && !types.containsKey(ref)) {
                    throw new IllegalArgumentException(
                            "type " + t.name() + " field " + f.getKey() + " refers to unknown type " + ref);
                }
            }
        }
        for (String root : roots.values()) {
            if (!types.containsKey(root)) {
                throw new IllegalArgumentException("root refers to unknown type " + root);
            }
        }
    }

    /** The built-in Kubernetes types (core, apps, batch, policy, autoscaling, networking, rbac). */
    public static Schema kubernetes() {
        return KUBERNETES;
    }

    /** A schema that knows nothing: every list atomic, every map granular. */
    public static Schema defaults() {
        return new Schema(Map.of(), Map.of());
    }

    /** The group of an apiVersion: {@code "apps"} for {@code apps/v1}, {@code ""} for {@code v1}. */
    static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** True if the kind (in the apiVersion's group) has a root type here. */
    public boolean knows(String apiVersion, String kind) {
        return roots.containsKey(group(apiVersion) + "/" + kind);
    }

    /** The node for a whole object of the given kind; an unknown node (defaults everywhere) if the kind is unknown. */
    public Node root(String apiVersion, String kind) {
        if (apiVersion == null || kind == null || rootCache.size() > 1_000) {
            return lookupRoot(apiVersion, kind);
        }
        var byKind = rootCache.computeIfAbsent(apiVersion, v -> new java.util.concurrent.ConcurrentHashMap<>());
        Node node = byKind.get(kind);
        if (node == null && byKind.size() < 1_000) {
            node = lookupRoot(apiVersion, kind);
            byKind.put(kind, node);
        }
        return node == null ? lookupRoot(apiVersion, kind) : node;
    }

    private Node lookupRoot(String apiVersion, String kind) {
        String type = roots.get(group(apiVersion) + "/" + kind);
        return type == null ? unknown : new Node(types.get(type), null, false);
    }

    /** The node that knows nothing. */
    public Node unknown() {
        return unknown;
    }

    /**
     * How the list at a dotted path merges, e.g. {@code spec.template.spec.containers.ports}: a segment after a list
     * field names a field of its items. {@link ListSemantics#DEFAULT} if the path is not a known list.
     */
    public ListSemantics listSemantics(String apiVersion, String kind, String dottedPath) {
        return at(apiVersion, kind, dottedPath).list();
    }

    /** True if the map or struct at a dotted path is atomic ({@code x-kubernetes-map-type: atomic}). */
    public boolean isAtomicMap(String apiVersion, String kind, String dottedPath) {
        return at(apiVersion, kind, dottedPath).isAtomicMap();
    }

    private Node at(String apiVersion, String kind, String dottedPath) {
        Node node = root(apiVersion, kind);
        for (String segment : dottedPath.split("\\.")) {
            if (node.declaredList != null) {
                node = node.element();
            }
            node = node.field(segment);
        }
        return node;
    }

    /** One position in the type graph: the type of a value and, for a list field, its semantics. */
    public final class Node {
        private final TypeDef type;
        private final ListSemantics declaredList;
        private final boolean atomic;

        private Node(TypeDef type, ListSemantics declaredList, boolean atomic) {
            this.type = type;
            this.declaredList = declaredList;
            this.atomic = atomic;
        }

        /** The node of a field of this struct or map (unknown if not described). */
        public Node field(String name) {
            if (type == null || declaredList != null) {
                return unknown;
            }
            FieldDef f = type.fields().get(name);
            if (f == null) {
                return unknown;
            }
            TypeDef t = f.type() == null ? null : types.get(f.type());
            return new Node(t, f.list(), f.atomic());
        }

        /** The node of this list's items. */
        public Node element() {
            if (declaredList == null || declaredList.elementType() == null) {
                return unknown;
            }
            return new Node(types.get(declaredList.elementType()), null, false);
        }

        /** How this list merges; {@link ListSemantics#DEFAULT} if it is not a described list. */
        public ListSemantics list() {
            return declaredList == null ? ListSemantics.DEFAULT : declaredList;
        }

        /** True if this map or struct is one value for server-side apply. */
        public boolean isAtomicMap() {
            return declaredList == null && (atomic || (type != null && type.atomic()));
        }

        /** True if the schema describes this position. */
        public boolean isKnown() {
            return type != null || declaredList != null || atomic;
        }

        /** The Go zero value of this struct as JSON (non-pointer structs as {@code {}}, non-omitempty slices null). */
        ObjectNode zeroValue() {
            ObjectNode zero = JsonValues.NODES.objectNode();
            if (type == null) {
                return zero;
            }
            for (Map.Entry<String, FieldDef> f : type.fields().entrySet()) {
                if (f.getValue().presence() == Presence.EMPTY_STRUCT) {
                    zero.set(f.getKey(), field(f.getKey()).zeroValue());
                } else if (f.getValue().presence() == Presence.NULL) {
                    zero.putNull(f.getKey());
                }
            }
            return zero;
        }

        /**
         * A copy of {@code value} (an object, or null for none) with the zero value's members filled in where absent,
         * recursively along non-pointer structs: how Go sees the object once typed.
         */
        JsonNode withZeroValues(JsonNode value) {
            if (JsonValues.absent(value)) {
                return zeroValue();
            }
            if (type == null || !value.isObject()) {
                return value;
            }
            ObjectNode copy = null;
            for (Map.Entry<String, FieldDef> f : type.fields().entrySet()) {
                JsonNode current = value.get(f.getKey());
                JsonNode filled = current;
                if (f.getValue().presence() == Presence.EMPTY_STRUCT) {
                    filled = field(f.getKey()).withZeroValues(current);
                } else if (f.getValue().presence() == Presence.NULL && current == null) {
                    filled = JsonValues.NODES.nullNode();
                }
                if (filled != current) {
                    if (copy == null) {
                        // Shallow: the result is only read, so untouched members can be shared.
                        copy = JsonValues.NODES.objectNode();
                        for (Map.Entry<String, JsonNode> e : value.properties()) {
                            copy.set(e.getKey(), e.getValue());
                        }
                    }
                    copy.set(f.getKey(), filled);
                }
            }
            return copy == null ? value : copy;
        }

        @Override
        public String toString() {
            return "Node[" + (type == null ? "?" : type.name()) + (declaredList == null ? "" : ", " + declaredList)
                    + (atomic ? ", atomic" : "") + "]";
        }
    }
}
