package dev.keelson.testkit.internal.merge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code metadata.managedFields}: decoding entries keyed by manager identifier, sorting them as
 * Kubernetes does (operation, time, manager, apiVersion, subresource) and folding the oldest {@code Update} entries
 * into {@code ancient-changes} beyond ten.
 */
final class ManagedFields {

    static final int MAX_UPDATE_MANAGERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private ManagedFields() {}

    /** RFC 3339 with second precision in UTC, e.g. {@code 2026-01-01T00:00:00Z}. */
    static String format(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The managedFields array of an object, or null if it has none. */
    static JsonNode of(JsonNode object) {
        if (object == null) {
            return null;
        }
        JsonNode mf = object.path("metadata").path("managedFields");
        return mf.isArray() ? mf : null;
    }

    /** True for {@code [{}]}, the value a client writes to clear managedFields. */
    static boolean isReset(JsonNode managedFields) {
        return managedFields != null && managedFields.size() == 1 && managedFields.get(0).isObject()
                && managedFields.get(0).isEmpty();
    }

    /** Entries by identifier; empty for a missing array. Throws IllegalArgumentException for malformed entries. */
    static Map<String, ManagerEntry> decode(JsonNode managedFields) {
        Map<String, ManagerEntry> out = new LinkedHashMap<>();
        if (managedFields == null || !managedFields.isArray()) {
            return out;
        }
        for (JsonNode e : managedFields) {
            if (!e.isObject()) {
                throw new IllegalArgumentException("managedFields entry is not an object: " + e);
            }
            String fieldsType = text(e, "fieldsType");
            if (fieldsType != null && !fieldsType.equals("FieldsV1")) {
                throw new IllegalArgumentException("unsupported fieldsType " + fieldsType);
            }
            JsonNode fieldsV1 = e.get("fieldsV1");
            FieldSet fields = fieldsV1 != null && fieldsV1.isObject()
                    ? FieldSet.decode((ObjectNode) fieldsV1) : FieldSet.empty();
            ManagerEntry entry = new ManagerEntry(text(e, "manager"), text(e, "operation"), text(e, "apiVersion"),
                    text(e, "subresource"), text(e, "time"), fields);
            if (!entry.applied() && !ManagerEntry.UPDATE.equals(entry.operation())) {
                throw new IllegalArgumentException("managedFields operation must be Apply or Update: " + e);
            }
            if (out.put(entry.identifier(), entry) != null) {
                throw new IllegalArgumentException("duplicate managedFields entry for " + entry.identifier());
            }
        }
        return out;
    }

    /** Decodes, or returns an empty map if the entries are malformed (Kubernetes then starts over). */
    static Map<String, ManagerEntry> decodeOrEmpty(JsonNode managedFields) {
        try {
            return decode(managedFields);
        } catch (IllegalArgumentException e) {
            return new LinkedHashMap<>();
        }
    }

    /** The sorted managedFields array; entries with empty sets are dropped, old updaters capped. */
    static ArrayNode encode(Map<String, ManagerEntry> managers) {
        return encode(managers, false);
    }

    /**
     * Like {@link #encode(Map)}. With
     * {@code shareUnchanged}, an entry's {@code fieldsV1} decoded from canonical JSON is that very JSON object rather
     * than a copy (for results that are stored and never modified).
     */
    static ArrayNode encode(Map<String, ManagerEntry> managers, boolean shareUnchanged) {
        List<ManagerEntry> entries = new ArrayList<>();
        for (ManagerEntry e : cap(managers).values()) {
            if (!e.fields().isEmpty()) {
                entries.add(e);
            }
        }
        sort(entries);
        ArrayNode out = JsonValues.NODES.arrayNode();
        for (ManagerEntry e : entries) {
            ObjectNode node = out.addObject();
            putIfSet(node, "manager", e.manager());
            putIfSet(node, "operation", e.operation());
            putIfSet(node, "apiVersion", e.apiVersion());
            putIfSet(node, "time", e.time());
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", shareUnchanged ? e.fields().toSharedFieldsV1() : e.fields().toFieldsV1());
            putIfSet(node, "subresource", e.subresource());
        }
        return out;
    }

    /** Sorts as Kubernetes does (operation, time, manager, apiVersion, subresource), parsing each entry's time once rather than on every comparison. */
    private static void sort(List<ManagerEntry> entries) {
        if (entries.size() < 2) {
            return;
        }
        record Keyed(ManagerEntry entry, long seconds) {}
        List<Keyed> keyed = new ArrayList<>(entries.size());
        for (ManagerEntry e : entries) {
            keyed.add(new Keyed(e, e.epochSeconds()));
        }
        keyed.sort(Comparator.comparing((Keyed k) -> nullToEmpty(k.entry().operation()))
                .thenComparingLong(Keyed::seconds)
                .thenComparing(k -> nullToEmpty(k.entry().manager()))
                .thenComparing(k -> nullToEmpty(k.entry().apiVersion()))
                .thenComparing(k -> nullToEmpty(k.entry().subresource())));
        for (int i = 0; i < keyed.size(); i++) {
            entries.set(i, keyed.get(i).entry());
        }
    }

    /** Kubernetes' {@code capManagersManager}: merges the oldest updaters per apiVersion into ancient-changes. */
    static Map<String, ManagerEntry> cap(Map<String, ManagerEntry> managers) {
        List<ManagerEntry> updaters = new ArrayList<>();
        for (ManagerEntry e : managers.values()) {
            if (!e.applied()) {
                updaters.add(e);
            }
        }
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return managers;
        }
        Map<String, ManagerEntry> out = new LinkedHashMap<>(managers);
        updaters.sort(Comparator.comparingLong(ManagerEntry::epochSeconds).thenComparing(ManagerEntry::identifier));
        Map<String, String> firstOfVersion = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
            ManagerEntry e = updaters.get(i);
            String version = nullToEmpty(e.apiVersion());
            String bucket = ManagerEntry.identifier(ANCIENT_CHANGES, ManagerEntry.UPDATE, version, null);
            String first = firstOfVersion.get(version);
            if (first == null) {
                firstOfVersion.put(version, e.identifier());
                continue;
            }
            if (!out.containsKey(bucket)) {
                ManagerEntry firstEntry = out.remove(first);
                out.put(bucket, new ManagerEntry(ANCIENT_CHANGES, ManagerEntry.UPDATE, e.apiVersion(), null,
                        firstEntry.time(), firstEntry.fields()));
            }
            ManagerEntry b = out.get(bucket);
            out.put(bucket, new ManagerEntry(ANCIENT_CHANGES, ManagerEntry.UPDATE, e.apiVersion(), null, e.time(),
                    b.fields().union(e.fields())));
            out.remove(e.identifier());
            length--;
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
