package dev.keelson.testkit.internal.merge;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One managedFields entry: who wrote (manager, operation, apiVersion, subresource), when, and the fields it owns.
 *
 * @param manager field manager name
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion apiVersion of the field set
 * @param subresource subresource written through, or null
 * @param time RFC 3339 time as stored, or null
 * @param fields owned fields
 */
record ManagerEntry(String manager, String operation, String apiVersion, String subresource, String time,
        FieldSet fields) {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    boolean applied() {
        return APPLY.equals(operation);
    }

    /**
     * Kubernetes' manager identifier ({@code BuildManagerIdentifier}): the entry as JSON without time and fields, and
     * without apiVersion for appliers. Two entries with the same identifier are the same manager.
     */
    String identifier() {
        return identifier(manager, operation, apiVersion, subresource);
    }

    static String identifier(String manager, String operation, String apiVersion, String subresource) {
        // GoFormat.toGoJson of {manager, operation, apiVersion (not for appliers), subresource}, unset ones omitted.
        StringBuilder out = new StringBuilder(96).append('{');
        boolean first = appendIfSet(out, true, "manager", manager);
        first = appendIfSet(out, first, "operation", operation);
        if (!APPLY.equals(operation)) {
            first = appendIfSet(out, first, "apiVersion", apiVersion);
        }
        appendIfSet(out, first, "subresource", subresource);
        return out.append('}').toString();
    }

    private static boolean appendIfSet(StringBuilder out, boolean first, String key, String value) {
        if (value == null || value.isEmpty()) {
            return first;
        }
        if (!first) {
            out.append(',');
        }
        GoFormat.goJsonString(key, out);
        out.append(':');
        GoFormat.goJsonString(value, out);
        return false;
    }

    /** How a conflict message names this manager: quoted name, subresource, {@code using <apiVersion>} for updaters. */
    String printed() {
        String out = GoFormat.goQuote(manager == null ? "" : manager);
        if (subresource != null && !subresource.isEmpty()) {
            out += " with subresource " + GoFormat.goQuote(subresource);
        }
        if (UPDATE.equals(operation)) {
            out += " using " + (apiVersion == null ? "" : apiVersion);
        }
        return out;
    }

    /** Seconds since the epoch for sorting; 0 when the time is missing or unreadable. */
    long epochSeconds() {
        if (time == null) {
            return 0;
        }
        // Entries are sorted on every write; reading the fields of the usual form is much cheaper than parsing.
        if (isPlainUtcSeconds(time)) {
            try {
                return LocalDateTime.of(digits(0, 4), digits(5, 2), digits(8, 2), digits(11, 2), digits(14, 2),
                        digits(17, 2)).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // Out of range (a leap second, say): Instant.parse decides.
            }
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, as {@link ManagedFields#format} writes times. */
    private static boolean isPlainUtcSeconds(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            if ((i == 4 || i == 7 || i == 10 || i == 13 || i == 16) != (t.charAt(i) < '0' || t.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    private int digits(int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (time.charAt(i) - '0');
        }
        return value;
    }

    ManagerEntry withFields(FieldSet newFields) {
        return new ManagerEntry(manager, operation, apiVersion, subresource, time, newFields);
    }

    ManagerEntry withTime(String newTime) {
        return new ManagerEntry(manager, operation, apiVersion, subresource, newTime, fields);
    }
}
