package dev.keelson.testkit.internal.merge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Prints JSON values the way Kubernetes' Go code does: conflict paths, FieldsV1 keys, manager names. */
final class GoFormat {

    private GoFormat() {}

    /** Go's {@code value.ToString}: how a key value is printed inside a conflict path such as {@code [name="x"]}. */
    static String toGoString(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isString()) {
            return goQuote(v.stringValue());
        }
        if (v.isNumber()) {
            return number(v);
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        List<String> parts = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(item -> parts.add(toGoString(item)));
            return "[" + String.join(",", parts) + "]";
        }
        for (Map.Entry<String, JsonNode> e : JsonValues.sorted(v).entrySet()) {
            parts.add(e.getKey() + "=" + toGoString(e.getValue()));
        }
        return "{" + String.join(";", parts) + "}";
    }

    /** Compact JSON as Go's {@code encoding/json} writes it (HTML-safe escaping), object keys in the given order. */
    static String toGoJson(JsonNode v) {
        StringBuilder out = new StringBuilder();
        writeGoJson(v, out);
        return out.toString();
    }

    private static void writeGoJson(JsonNode v, StringBuilder out) {
        if (v.isString()) {
            goJsonString(v.stringValue(), out);
        } else if (v.isNumber()) {
            out.append(number(v));
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeGoJson(v.get(i), out);
            }
            out.append(']');
        } else if (v.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                goJsonString(e.getKey(), out);
                out.append(':');
                writeGoJson(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(v.toString());
        }
    }

    private static String number(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    static void goJsonString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (appendShortEscape(c, out)) {
                continue;
            }
            if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The escapes Go's JSON encoder and {@code %q} share; false when {@code c} needs none of them. */
    private static boolean appendShortEscape(char c, StringBuilder out) {
        String escape = switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
        if (escape == null) {
            return false;
        }
        out.append(escape);
        return true;
    }

    /** Go's {@code %q} for a string. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (appendShortEscape(c, out)) {
                continue;
            }
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
