package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One step of a field path as structured-merge-diff models it: a field name, the key of an associative list item,
 * a set member's value, or a list index. Each has a managedFields encoding ({@code f:}, {@code k:}, {@code v:},
 * {@code i:}) and a printed form used in conflict messages. Elements sort as Kubernetes sorts them.
 */
public sealed interface PathElement extends Comparable<PathElement>
        permits PathElement.Field, PathElement.Key, PathElement.Value, PathElement.Index {

    /** The FieldsV1 object key for this element, e.g. {@code f:spec} or {@code k:{"name":"nginx"}}. */
    String fieldsV1Key();

    /** Sort rank of the element kind: fields, then keys, values and indexes. */
    int rank();

    @Override
    default int compareTo(PathElement other) {
        int c = Integer.compare(rank(), other.rank());
        if (c != 0) {
            return c;
        }
        if (this instanceof Field a && other instanceof Field b) {
            return a.name().compareTo(b.name());
        }
        if (this instanceof Key a && other instanceof Key b) {
            return a.compareKeys(b);
        }
        if (this instanceof Value a && other instanceof Value b) {
            return JsonValues.compare(a.value(), b.value());
        }
        return Integer.compare(((Index) this).index(), ((Index) other).index());
    }

    /** Parses a FieldsV1 object key; throws IllegalArgumentException for anything else. */
    static PathElement parse(String fieldsV1Key) {
        PathElement cached = Cache.PARSED.get(fieldsV1Key);
        if (cached != null) {
            return cached;
        }
        PathElement parsed = parseUncached(fieldsV1Key);
        Cache.remember(Cache.PARSED, fieldsV1Key, parsed);
        return parsed;
    }

    /**
     * True if {@code fieldsV1Key}, which parses to {@code parsed}, is the element's canonical encoding (what
     * {@link #fieldsV1Key()} writes), e.g. not {@code k:{"port":80,"name":"x"}} with its fields out of order.
     */
    static boolean isCanonicalKey(String fieldsV1Key, PathElement parsed) {
        if (Cache.CANONICAL.get(fieldsV1Key) == parsed) {
            return true;
        }
        if (!fieldsV1Key.equals(parsed.fieldsV1Key())) {
            return false;
        }
        Cache.remember(Cache.CANONICAL, fieldsV1Key, parsed);
        return true;
    }

    /**
     * Bounded memo tables for {@link #parse} and the {@code f:}/{@code k:}/{@code v:} encodings: the same keys
     * (field names, container names, ports) recur on every write. Elements are immutable, so sharing them is safe.
     */
    final class Cache {
        static final int MAX = 20_000;
        static final java.util.concurrent.ConcurrentHashMap<String, PathElement> PARSED =
                new java.util.concurrent.ConcurrentHashMap<>();
        static final java.util.concurrent.ConcurrentHashMap<PathElement, String> KEYS =
                new java.util.concurrent.ConcurrentHashMap<>();
        /** Keys known to be in their element's canonical encoding. */
        static final java.util.concurrent.ConcurrentHashMap<String, PathElement> CANONICAL =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Cache() {}

        static <K, V> void remember(java.util.concurrent.ConcurrentHashMap<K, V> map, K key, V value) {
            if (map.size() >= MAX) {
                map.clear();
            }
            map.put(key, value);
        }
    }

    private static PathElement parseUncached(String fieldsV1Key) {
        if (fieldsV1Key.length() < 2 || fieldsV1Key.charAt(1) != ':') {
            throw new IllegalArgumentException("not a FieldsV1 path element: " + fieldsV1Key);
        }
        String body = fieldsV1Key.substring(2);
        try {
            switch (fieldsV1Key.charAt(0)) {
                case 'f':
                    return new Field(body);
                case 'k':
                    JsonNode key = JsonValues.MAPPER.readTree(body);
                    if (!key.isObject()) {
                        throw new IllegalArgumentException("key is not an object: " + fieldsV1Key);
                    }
                    Map<String, JsonNode> fields = new TreeMap<>();
                    key.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
                    return new Key(fields);
                case 'v':
                    return new Value(JsonValues.MAPPER.readTree(body));
                case 'i':
                    return new Index(Integer.parseInt(body));
                default:
                    throw new IllegalArgumentException("unknown FieldsV1 path element: " + fieldsV1Key);
            }
        } catch (JacksonException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed FieldsV1 path element: " + fieldsV1Key, e);
        }
    }

    /** A named field of a map or struct; prints as {@code .name}. */
    record Field(String name) implements PathElement {
        /** Validates. */
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String fieldsV1Key() {
            // One string per field name rather than one per written key: stored managedFields keep them all.
            String cached = Cache.KEYS.get(this);
            if (cached == null) {
                cached = "f:" + name;
                Cache.remember(Cache.KEYS, this, cached);
            }
            return cached;
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** An associative list item identified by its key fields (sorted by name); prints as {@code [name="x"]}. */
    record Key(Map<String, JsonNode> fields) implements PathElement {
        /** Sorts the fields by name and normalizes numbers so that 80 and 80.0 are the same key. */
        public Key {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            fields.forEach((k, v) -> sorted.put(k, JsonValues.normalize(v)));
            fields = Collections.unmodifiableMap(sorted);
        }

        @Override
        public String fieldsV1Key() {
            String cached = Cache.KEYS.get(this);
            if (cached == null) {
                var object = JsonValues.NODES.objectNode();
                fields.forEach(object::set);
                cached = "k:" + GoFormat.toGoJson(object);
                if (scalars()) {
                    Cache.remember(Cache.KEYS, this, cached);
                }
            }
            return cached;
        }

        @Override
        public int rank() {
            return 1;
        }

        /** Only scalar keys are memoized: equal containers may print in different key orders. */
        private boolean scalars() {
            for (JsonNode v : fields.values()) {
                if (v.isContainer()) {
                    return false;
                }
            }
            return true;
        }

        int compareKeys(Key other) {
            Iterator<Map.Entry<String, JsonNode>> a = fields.entrySet().iterator();
            Iterator<Map.Entry<String, JsonNode>> b = other.fields.entrySet().iterator();
            while (a.hasNext() && b.hasNext()) {
                Map.Entry<String, JsonNode> ea = a.next();
                Map.Entry<String, JsonNode> eb = b.next();
                int c = ea.getKey().compareTo(eb.getKey());
                if (c == 0) {
                    c = JsonValues.compare(ea.getValue(), eb.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(a.hasNext(), b.hasNext());
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            fields.forEach((k, v) -> parts.add(k + "=" + GoFormat.toGoString(v)));
            return "[" + String.join(",", parts) + "]";
        }
    }

    /** A member of a set list; prints as {@code [=value]}. */
    record Value(JsonNode value) implements PathElement {
        /** Normalizes numbers. */
        public Value {
            value = JsonValues.normalize(value);
        }

        @Override
        public String fieldsV1Key() {
            String cached = Cache.KEYS.get(this);
            if (cached == null) {
                cached = "v:" + GoFormat.toGoJson(value);
                if (!value.isContainer()) {
                    Cache.remember(Cache.KEYS, this, cached);
                }
            }
            return cached;
        }

        @Override
        public int rank() {
            return 2;
        }

        @Override
        public String toString() {
            return "[=" + GoFormat.toGoString(value) + "]";
        }
    }

    /** A position in a list; prints as {@code [3]}. */
    record Index(int index) implements PathElement {
        @Override
        public String fieldsV1Key() {
            return "i:" + index;
        }

        @Override
        public int rank() {
            return 3;
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
