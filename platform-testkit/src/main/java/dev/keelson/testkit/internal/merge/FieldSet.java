package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths, as a managedFields entry's {@code fieldsV1} records what one manager owns. Stored like
 * structured-merge-diff's {@code fieldpath.Set}: the members directly under this node plus a child set per path
 * element. Public operations never modify a set.
 */
public final class FieldSet {

    private TreeSet<PathElement> members;
    private TreeMap<PathElement, FieldSet> children;

    /**
     * Canonical FieldsV1 JSON whose top level has not been read yet, or null. A decoded managedFields entry is
     * read one level at a time, when an operation first looks at that level: a write compares most entries only
     * with the few paths it changed, so most of each entry is never read at all.
     */
    private ObjectNode unread;

    /**
     * The canonical FieldsV1 JSON this set was decoded from (for a child set, starting with {@code "."} when it was
     * also a member), or null for a set built otherwise. It is exactly what {@link #write} would produce, so
     * unchanged entries and subtrees are re-encoded by copying it, or by sharing it for stored results.
     */
    private ObjectNode source;

    /** The {@code {}} of every member in shared encodings: stored managedFields are never modified. */
    private static final ObjectNode SHARED_LEAF = JsonValues.NODES.objectNode();

    private FieldSet() {
        members = new TreeSet<>();
        children = new TreeMap<>();
    }

    /** A set read lazily from canonical FieldsV1 JSON (see {@link #isCanonical}). */
    private FieldSet(ObjectNode canonical) {
        unread = canonical;
        source = canonical;
    }

    /** An empty set. */
    public static FieldSet empty() {
        return new FieldSet();
    }

    /**
     * The fields present in an object, as server-side apply counts them for the applier: leaves, atomic lists and
     * maps, associative list items and set members. {@code apiVersion}, {@code kind}, {@code status} and the
     * server-owned metadata fields (name, namespace, uid, resourceVersion, generation, creationTimestamp,
     * managedFields, selfLink, deletionTimestamp) are left out. The object's own {@code apiVersion} selects the
     * schema's group.
     */
    public static FieldSet of(JsonNode object, Schema schema, String kind) {
        String apiVersion = object.path("apiVersion").asString("");
        return FieldSetExtractor.extract(schema.root(apiVersion, kind), object, FieldSetExtractor.Scope.MAIN);
    }

    /** Like {@link #of(JsonNode, Schema, String)} with the kind read from the object. */
    public static FieldSet of(JsonNode object, Schema schema) {
        return of(object, schema, object.path("kind").asString(""));
    }

    /** Reads a managedFields {@code fieldsV1} object. */
    public static FieldSet fromFieldsV1(ObjectNode fieldsV1) {
        FieldSet set = new FieldSet();
        read(fieldsV1, set);
        return set;
    }

    /**
     * Like {@link #fromFieldsV1} for managedFields being decoded within one write: if {@code fieldsV1} is in the
     * canonical form {@link #toFieldsV1()} writes, the set reads it level by level when first asked and re-encodes
     * to it (it must not change until then).
     */
    static FieldSet decode(ObjectNode fieldsV1) {
        boolean canonical;
        try {
            canonical = !fieldsV1.has(".") && isCanonical(fieldsV1);
        } catch (IllegalArgumentException malformed) {
            canonical = false;
        }
        // Not in canonical form (or malformed, which reading reports): read it all now.
        return canonical ? new FieldSet(fieldsV1) : fromFieldsV1(fieldsV1);
    }

    /**
     * True if {@code node} is exactly what {@link #write} produces for some set: objects all the way down, keys in
     * their canonical encoding and strictly sorted, {@code "."} only first beside children. Such JSON can be read
     * one level at a time, every object in it being a member ({@code {}} or {@code "."}) or a non-empty child.
     *
     * @throws IllegalArgumentException for a malformed path element
     */
    private static boolean isCanonical(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        boolean first = true;
        PathElement previous = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.equals(".")) {
                if (!first || node.size() < 2 || !e.getValue().isObject() || !e.getValue().isEmpty()) {
                    return false;
                }
                first = false;
                continue;
            }
            first = false;
            PathElement pe = PathElement.parse(key);
            if ((previous != null && previous.compareTo(pe) >= 0) || !PathElement.isCanonicalKey(key, pe)
                    || !isCanonical(e.getValue())) {
                return false;
            }
            previous = pe;
        }
        return true;
    }

    /** The direct members, reading this level of a lazily decoded set first. */
    private TreeSet<PathElement> members() {
        readLevel();
        return members;
    }

    /** The child sets, reading this level of a lazily decoded set first. */
    private TreeMap<PathElement, FieldSet> children() {
        readLevel();
        return children;
    }

    private void readLevel() {
        ObjectNode json = unread;
        if (json == null) {
            return;
        }
        TreeSet<PathElement> m = new TreeSet<>();
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (e.getKey().equals(".")) {
                continue;
            }
            PathElement pe = PathElement.parse(e.getKey());
            ObjectNode value = (ObjectNode) e.getValue();
            if (value.isEmpty() || value.has(".")) {
                m.add(pe);
            }
            if (!value.isEmpty()) {
                c.put(pe, new FieldSet(value));
            }
        }
        members = m;
        children = c;
        unread = null;
    }

    /** Reads a node and what lies below it; returns true if the node itself is a member ({@code "."} or empty). */
    private static boolean read(JsonNode node, FieldSet into) {
        boolean isMember = node.isEmpty();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.equals(".")) {
                isMember = true;
                continue;
            }
            PathElement pe = PathElement.parse(key);
            FieldSet child = new FieldSet();
            if (read(e.getValue(), child)) {
                into.members.add(pe);
            }
            if (!child.isEmpty()) {
                into.children.put(pe, child);
            }
        }
        return isMember;
    }

    /** The managedFields {@code fieldsV1} encoding, keys sorted as Kubernetes writes them. */
    public ObjectNode toFieldsV1() {
        return encode(false, false);
    }

    /**
     * Like {@link #toFieldsV1()} for a result that is stored and never modified: it may share the JSON unchanged
     * parts were decoded from, and one {@code {}} node for every member.
     */
    ObjectNode toSharedFieldsV1() {
        return encode(false, true);
    }

    /** This set's JSON, with {@code "."} first when {@code includeSelf} (the set's path is itself a member). */
    private ObjectNode encode(boolean includeSelf, boolean share) {
        if (source != null && source.has(".") == includeSelf) {
            return share ? source : source.deepCopy();
        }
        ObjectNode out = JsonValues.NODES.objectNode();
        write(out, includeSelf, share);
        return out;
    }

    private static ObjectNode leaf(boolean share) {
        return share ? SHARED_LEAF : JsonValues.NODES.objectNode();
    }

    private void write(ObjectNode out, boolean includeSelf, boolean share) {
        if (includeSelf && !isEmpty()) {
            out.set(".", leaf(share));
        }
        // Members and children merged in sorted order (an element may be both).
        Iterator<PathElement> m = members().iterator();
        Iterator<Map.Entry<PathElement, FieldSet>> c = children().entrySet().iterator();
        PathElement nextMember = m.hasNext() ? m.next() : null;
        Map.Entry<PathElement, FieldSet> nextChild = c.hasNext() ? c.next() : null;
        while (nextMember != null || nextChild != null) {
            int cmp = nextMember == null ? 1 : nextChild == null ? -1 : nextMember.compareTo(nextChild.getKey());
            ObjectNode child;
            PathElement pe;
            if (cmp < 0) {
                pe = nextMember;
                child = leaf(share);
                nextMember = m.hasNext() ? m.next() : null;
            } else {
                pe = nextChild.getKey();
                child = nextChild.getValue().encode(cmp == 0, share);
                nextChild = c.hasNext() ? c.next() : null;
                if (cmp == 0) {
                    nextMember = m.hasNext() ? m.next() : null;
                }
            }
            out.set(pe.fieldsV1Key(), child);
        }
    }

    /** True if the set holds no path. */
    public boolean isEmpty() {
        if (unread != null) {
            // Canonical JSON holds a path for every key.
            return unread.isEmpty();
        }
        return members.isEmpty() && children.isEmpty();
    }

    /** True if the exact path is a member. */
    public boolean contains(FieldPath path) {
        return contains(path.elements(), 0);
    }

    private boolean contains(List<PathElement> path, int from) {
        if (from >= path.size()) {
            return false;
        }
        if (from == path.size() - 1) {
            return members().contains(path.get(from));
        }
        FieldSet child = children().get(path.get(from));
        return child != null && child.contains(path, from + 1);
    }

    /** Every member path: at each level the direct members first, then each child's, in sorted order. */
    public List<FieldPath> paths() {
        List<FieldPath> out = new ArrayList<>();
        iterate(new ArrayList<>(), p -> out.add(new FieldPath(p)));
        return out;
    }

    private void iterate(List<PathElement> prefix, Consumer<List<PathElement>> consumer) {
        for (PathElement pe : members()) {
            prefix.add(pe);
            consumer.accept(prefix);
            prefix.remove(prefix.size() - 1);
        }
        for (Map.Entry<PathElement, FieldSet> e : children().entrySet()) {
            prefix.add(e.getKey());
            e.getValue().iterate(prefix, consumer);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** Paths in either set. */
    public FieldSet union(FieldSet other) {
        // Sets never change once built, so unchanged subtrees are shared.
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        FieldSet out = new FieldSet();
        out.members.addAll(members());
        out.members.addAll(other.members());
        out.children.putAll(children());
        for (Map.Entry<PathElement, FieldSet> e : other.children().entrySet()) {
            FieldSet mine = children.get(e.getKey());
            out.children.put(e.getKey(), mine == null ? e.getValue() : mine.union(e.getValue()));
        }
        return out;
    }

    /** Paths in both sets. */
    public FieldSet intersection(FieldSet other) {
        FieldSet out = new FieldSet();
        if (isEmpty() || other.isEmpty()) {
            return out;
        }
        // Walks the smaller level and looks up in the larger: a write's few changed paths against a large entry.
        TreeSet<PathElement> otherMembers = other.members();
        for (PathElement pe : members().size() <= otherMembers.size() ? members : otherMembers) {
            if ((members.size() <= otherMembers.size() ? otherMembers : members).contains(pe)) {
                out.members.add(pe);
            }
        }
        TreeMap<PathElement, FieldSet> otherChildren = other.children();
        boolean mineSmaller = children().size() <= otherChildren.size();
        for (Map.Entry<PathElement, FieldSet> e : (mineSmaller ? children : otherChildren).entrySet()) {
            FieldSet o = (mineSmaller ? otherChildren : children).get(e.getKey());
            if (o != null) {
                out.putChild(e.getKey(), mineSmaller ? e.getValue().intersection(o) : o.intersection(e.getValue()));
            }
        }
        return out;
    }

    /** Paths in this set but not in {@code other} (exact paths: a member of other does not remove its children). */
    public FieldSet difference(FieldSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        FieldSet out = new FieldSet();
        for (PathElement pe : members()) {
            if (!other.members().contains(pe)) {
                out.members.add(pe);
            }
        }
        for (Map.Entry<PathElement, FieldSet> e : children().entrySet()) {
            FieldSet o = other.children().get(e.getKey());
            out.putChild(e.getKey(), o == null ? e.getValue() : e.getValue().difference(o));
        }
        return out;
    }

    /** Paths in this set that neither are in {@code other} nor lie under one of its members. */
    public FieldSet recursiveDifference(FieldSet other) {
        FieldSet out = new FieldSet();
        for (PathElement pe : members()) {
            if (!other.members().contains(pe)) {
                out.members.add(pe);
            }
        }
        for (Map.Entry<PathElement, FieldSet> e : children().entrySet()) {
            if (other.members().contains(e.getKey())) {
                continue;
            }
            FieldSet o = other.children().get(e.getKey());
            out.putChild(e.getKey(), o == null ? e.getValue().copy() : e.getValue().recursiveDifference(o));
        }
        return out;
    }

    /** The paths under one element, relative to it (empty if none). */
    FieldSet child(PathElement pe) {
        FieldSet child = children().get(pe);
        return child == null ? new FieldSet() : child;
    }

    /** True if the element is a member at this level. */
    boolean hasMember(PathElement pe) {
        return members().contains(pe);
    }

    /** A copy where every named field that has children is also a member, so that pruning can remove it. */
    FieldSet withNamedFieldsAsMembers() {
        FieldSet out = new FieldSet();
        out.members.addAll(members());
        for (Map.Entry<PathElement, FieldSet> e : children().entrySet()) {
            if (e.getKey() instanceof PathElement.Field) {
                out.members.add(e.getKey());
            }
            out.putChild(e.getKey(), e.getValue().withNamedFieldsAsMembers());
        }
        return out;
    }

    /** Adds one path (used while building a set). */
    void insert(List<PathElement> path) {
        if (path.isEmpty()) {
            return;
        }
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node.source = null;
            node = node.children().computeIfAbsent(path.get(i), k -> new FieldSet());
        }
        node.source = null;
        node.members().add(path.get(path.size() - 1));
    }

    /** Adds other's paths to this set, which must be one being built (copy's: every node new). */
    private void addAll(FieldSet other) {
        members().addAll(other.members());
        other.children().forEach((pe, set) -> children().computeIfAbsent(pe, k -> new FieldSet()).addAll(set));
    }

    private void putChild(PathElement pe, FieldSet child) {
        if (!child.isEmpty()) {
            children.put(pe, child);
        }
    }

    private FieldSet copy() {
        FieldSet out = new FieldSet();
        out.addAll(this);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && members().equals(f.members()) && children().equals(f.children());
    }

    @Override
    public int hashCode() {
        return Objects.hash(members(), children());
    }

    /** The FieldsV1 JSON. */
    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
