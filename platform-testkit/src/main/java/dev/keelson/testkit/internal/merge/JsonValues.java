package dev.keelson.testkit.internal.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Value semantics for JSON trees as Kubernetes' Go code sees them: numeric equality, ordering and printing. */
final class JsonValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonValues() {}

    /** True if {@code node} is absent: Java null or a Jackson missing node. */
    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode();
    }

    /** An empty object, an empty array or JSON null. */
    static boolean emptyOrNull(JsonNode node) {
        return absent(node) || node.isNull() || (node.isContainer() && node.isEmpty());
    }

    /** Deep equality where 1, 1L and 1.0 are the same number and object key order does not matter. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (absent(a) || absent(b)) {
            return absent(a) && absent(b);
        }
        if (a.isNumber() && b.isNumber()) {
            if ((a.isInt() || a.isLong()) && (b.isInt() || b.isLong())) {
                return a.longValue() == b.longValue();
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The total order of structured-merge-diff's {@code value.Compare}: numbers, then strings, booleans, lists, maps
     * and null.
     */
    static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return a.decimalValue().compareTo(b.decimalValue());
            case 1:
                return a.stringValue().compareTo(b.stringValue());
            case 2:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case 3:
                return compareLists(a, b);
            case 4:
                return compareMaps(a, b);
            default:
                return 0;
        }
    }

    private static int rank(JsonNode n) {
        if (n.isNumber()) {
            return 0;
        }
        if (n.isString()) {
            return 1;
        }
        if (n.isBoolean()) {
            return 2;
        }
        if (n.isArray()) {
            return 3;
        }
        if (n.isObject()) {
            return 4;
        }
        return 5;
    }

    private static int compareLists(JsonNode a, JsonNode b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareMaps(JsonNode a, JsonNode b) {
        Iterator<Map.Entry<String, JsonNode>> ia = sorted(a).entrySet().iterator();
        Iterator<Map.Entry<String, JsonNode>> ib = sorted(b).entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, JsonNode> ea = ia.next();
            Map.Entry<String, JsonNode> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) {
                c = compare(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    static TreeMap<String, JsonNode> sorted(JsonNode object) {
        TreeMap<String, JsonNode> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    /** A canonical copy of a value: integral numbers become longs (or big integers), others doubles. */
    static JsonNode normalize(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                BigInteger i = d.toBigIntegerExact();
                return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
            }
            return NODES.numberNode(node.doubleValue());
        }
        if (node.isArray()) {
            var copy = NODES.arrayNode();
            node.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        if (node.isObject()) {
            var copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), normalize(e.getValue()));
            }
            return copy;
        }
        return node;
    }
}
