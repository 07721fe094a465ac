package dev.keelson.testkit.internal.merge;

import java.time.Instant;
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
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    ManagerEntry withFields(FieldSet newFields) {
        return new ManagerEntry(manager, operation, apiVersion, subresource, time, newFields);
    }

    ManagerEntry withTime(String newTime) {
        return new ManagerEntry(manager, operation, apiVersion, subresource, newTime, fields);
    }
}
