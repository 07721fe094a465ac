package dev.keelson.testkit.internal.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply and managedFields tracking as kube-apiserver does them: {@link #apply} merges an apply
 * configuration into the live object, prunes fields the applier stopped applying, detects conflicts with other
 * managers; {@link #recordUpdate} records who owns what after any other write. Both return a new object with
 * {@code metadata.managedFields} rewritten; inputs are never modified.
 *
 * <p>As in Kubernetes, an object that exists without managedFields is not tracked by updates (a write of
 * {@code managedFields: [{}]} clears them); the first apply to it first records its current fields as owned by
 * {@value #BEFORE_FIRST_APPLY}. The caller handles preconditions (resourceVersion, uid), validation and status/spec
 * resets of subresources, and passes in its defaulting; apply ignores {@code status} and server-owned metadata in the
 * configuration.
 */
public final class ServerSideApply {

    /** Manager that owns an object's fields when it is applied to for the first time without managedFields. */
    public static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private final Schema schema;

    /**
     * The result of an apply.
     *
     * @param object the new object, or the live object itself when nothing changed
     * @param changed false if the apply changed neither the object nor its managedFields (no write needed)
     */
    public record ApplyResult(ObjectNode object, boolean changed) {}

    /**
     * One field an apply would take from another manager; one {@code FieldManagerConflict} cause of the 409.
     *
     * @param manager the owner as Kubernetes prints it: {@code "kubectl"} for an applier,
     *     {@code "kube-controller-manager" using apps/v1} for an updater, with {@code with subresource "status"}
     *     when the write went through a subresource
     * @param field the path as Kubernetes prints it, e.g. {@code .spec.replicas}
     */
    public record Conflict(String manager, String field) {

        /** Validates. */
        public Conflict {
            Objects.requireNonNull(manager, "manager");
            Objects.requireNonNull(field, "field");
        }

        /** The cause message Kubernetes puts in {@code details.causes[].message}: {@code conflict with "kubectl"}. */
        public String causeMessage() {
            return "conflict with " + manager;
        }
    }

    /**
     * An apply that would change fields other managers own, without {@code force}. The API server answers 409
     * {@code Conflict} with {@link #getMessage()} as the Status message and one {@code FieldManagerConflict} cause
     * per {@link #conflicts() conflict}.
     */
    public static final class ApplyConflictException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Conflict> conflicts;

        /** Builds the exception and Kubernetes' message from the conflicts (at least one). */
        public ApplyConflictException(List<Conflict> conflicts) {
            super(message(conflicts));
            this.conflicts = List.copyOf(conflicts);
        }

        /** The conflicts, grouped by manager (sorted) and, within a manager, in field order. */
        public List<Conflict> conflicts() {
            return conflicts;
        }

        /**
         * Kubernetes' text: {@code Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas}, or for
         * more {@code Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- ...}.
         */
        static String message(List<Conflict> conflicts) {
            if (conflicts.isEmpty()) {
                throw new IllegalArgumentException("no conflicts");
            }
            if (conflicts.size() == 1) {
                Conflict c = conflicts.get(0);
                return "Apply failed with 1 conflict: conflict with " + c.manager() + ": " + c.field();
            }
            Map<String, List<String>> byManager = new TreeMap<>();
            for (Conflict c : conflicts) {
                byManager.computeIfAbsent(c.manager(), m -> new ArrayList<>()).add(c.field());
            }
            List<String> lines = new ArrayList<>();
            byManager.forEach((manager, fields) -> {
                lines.add("conflicts with " + manager + ":");
                fields.forEach(f -> lines.add("- " + f));
            });
            return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
    }

    /** An apply engine using the given schema. */
    public ServerSideApply(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Applies {@code config} as {@code manager}. {@code live == null} means the object does not exist (create).
     * Returns the new object with metadata.managedFields updated, or the live object itself with
     * {@code changed == false} when nothing would change (the applier's time is then not bumped).
     *
     * @throws ApplyConflictException if the apply would change fields other managers own and {@code force} is false
     * @throws IllegalArgumentException if the configuration is malformed (no apiVersion/kind, managedFields set,
     *     an associative list item without its key or with a duplicate key) or the manager is blank
     */
    public ApplyResult apply(ObjectNode live, ObjectNode config, String manager, boolean force, Instant now) {
        return apply(live, config, manager, null, force, now);
    }

    /**
     * Like {@link #apply(ObjectNode, ObjectNode, String, boolean, Instant)} through a subresource: for
     * {@code "status"} the configuration's status is applied and its spec ignored, and the applier's entry records
     * the subresource.
     */
    public ApplyResult apply(ObjectNode live, ObjectNode config, String manager, String subresource, boolean force,
            Instant now) {
        return apply(live, config, manager, subresource, force, now, merged -> { });
    }

    /**
     * Like {@link #apply(ObjectNode, ObjectNode, String, String, boolean, Instant)}, with the API server's decoding
     * of the merged object: {@code decode} changes it in place (API defaults, canonical quantities) after merging,
     * pruning and conflict detection, and before the comparison with {@code live} that decides whether anything
     * changed, as the real server defaults the merged object before storing it. What it adds is owned by no manager.
     */
    public ApplyResult apply(ObjectNode live, ObjectNode config, String manager, String subresource, boolean force,
            Instant now, Consumer<ObjectNode> decode) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(now, "now");
        if (manager == null || manager.isBlank()) {
            throw new IllegalArgumentException("fieldManager: Required value: is required for apply patch");
        }
        String apiVersion = config.path("apiVersion").asString("");
        Schema.Node root = schema.root(apiVersion, config.path("kind").asString(""));
        FieldSetExtractor.Scope scope = scopeOf(subresource);
        ObjectNode cleanConfig = ApplyConfiguration.sanitize(config, root, scope);
        String time = ManagedFields.format(now);
        Updater updater = new Updater(root, scope);

        Map<String, ManagerEntry> managers = live == null
                ? new LinkedHashMap<>() : ManagedFields.decodeOrEmpty(ManagedFields.of(live));
        if (live != null && managers.isEmpty()) {
            String liveVersion = live.path("apiVersion").asString(apiVersion);
            managers = updater.update(root.zeroValue(), live, managers, BEFORE_FIRST_APPLY, liveVersion, subresource,
                    time);
        }
        Updater.Applied applied = updater.apply(live, cleanConfig, managers, manager, apiVersion, subresource,
                force);
        ObjectNode merged = applied.object() instanceof ObjectNode o ? o : JsonValues.NODES.objectNode();
        decode.accept(merged);

        boolean objectChanged = live == null
                || !JsonValues.equal(withoutManagedFields(live), withoutManagedFields(merged));
        Map<String, ManagerEntry> result = new LinkedHashMap<>(applied.managers());
        String id = ManagerEntry.identifier(manager, ManagerEntry.APPLY, null, subresource);
        ManagerEntry mine = result.get(id);
        if (mine != null && (objectChanged || mine.time() == null)) {
            result.put(id, mine.withTime(time));
        }
        ArrayNode encoded = ManagedFields.encode(result);
        if (!objectChanged && JsonValues.equal(encoded, existing(live))) {
            return new ApplyResult(live, false);
        }
        return new ApplyResult(withManagedFields(merged, encoded), true);
    }

    /**
     * Records a non-apply write (create, PUT, merge/JSON/strategic patch) by {@code manager} that turns
     * {@code live} into {@code updated}: fields added or changed move to {@code manager} (operation Update, with the
     * object's apiVersion, stamped {@code now}), fields removed leave every manager. Returns {@code updated} with
     * metadata.managedFields rewritten. {@code live == null} for a create.
     *
     * @param subresource null for the main resource, {@code "status"} for the status subresource (then spec is
     *     never owned and managedFields in {@code updated} are ignored), or another subresource name
     */
    public ObjectNode recordUpdate(ObjectNode live, ObjectNode updated, String manager, String subresource,
            Instant now) {
        ArrayNode managedFields = managedFieldsAfterUpdate(live, updated, manager, subresource, now, false);
        return withManagedFields(copyButManagedFields(updated), managedFields);
    }

    /**
     * Like {@link #recordUpdate}, but writes metadata.managedFields into {@code updated} itself, for a caller that
     * built {@code updated} for this write and owns its root and metadata objects. The new managedFields may share
     * unchanged {@code fieldsV1} objects with {@code live}'s, so the result is only for storing (as the API server
     * stores a new version, copying what changed): neither it nor {@code live} may be modified afterwards.
     */
    public ObjectNode recordUpdateInPlace(ObjectNode live, ObjectNode updated, String manager, String subresource,
            Instant now) {
        return withManagedFields(updated, managedFieldsAfterUpdate(live, updated, manager, subresource, now, true));
    }

    private ArrayNode managedFieldsAfterUpdate(ObjectNode live, ObjectNode updated, String manager,
            String subresource, Instant now, boolean shareUnchanged) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(now, "now");
        String apiVersion = updated.path("apiVersion").asString("");
        Schema.Node root = schema.root(apiVersion, updated.path("kind").asString(""));
        FieldSetExtractor.Scope scope = scopeOf(subresource);

        Map<String, ManagerEntry> managers = startingManagers(live, updated, subresource != null);
        if (live != null && managers.isEmpty()) {
            return JsonValues.NODES.arrayNode();
        }
        JsonNode before = live == null ? root.zeroValue() : live;
        managers = new Updater(root, scope).update(before, updated, managers, manager, apiVersion,
                subresource, ManagedFields.format(now));
        return ManagedFields.encode(managers, shareUnchanged);
    }

    /**
     * A deep copy of {@code object} whose metadata.managedFields (about to be replaced or removed) is a null
     * placeholder in the same position rather than a copy.
     */
    private static ObjectNode copyButManagedFields(ObjectNode object) {
        if (!(object.get("metadata") instanceof ObjectNode metadata) || !metadata.has("managedFields")) {
            return object.deepCopy();
        }
        ObjectNode copy = JsonValues.NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equals("metadata")) {
                ObjectNode m = copy.putObject(e.getKey());
                for (Map.Entry<String, JsonNode> me : metadata.properties()) {
                    m.set(me.getKey(), me.getKey().equals("managedFields")
                            ? JsonValues.NODES.nullNode() : me.getValue().deepCopy());
                }
            } else {
                copy.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return copy;
    }

    private static FieldSetExtractor.Scope scopeOf(String subresource) {
        if (subresource == null) {
            return FieldSetExtractor.Scope.MAIN;
        }
        return subresource.equals("status") ? FieldSetExtractor.Scope.STATUS : FieldSetExtractor.Scope.ALL;
    }

    /** Kubernetes' {@code decodeLiveOrNew}: the request's managedFields win if set (and {@code [{}]} resets). */
    private static Map<String, ManagerEntry> startingManagers(ObjectNode live, ObjectNode updated,
            boolean subresource) {
        if (subresource) {
            return ManagedFields.decodeOrEmpty(ManagedFields.of(live));
        }
        JsonNode requested = ManagedFields.of(updated);
        if (ManagedFields.isReset(requested)) {
            return new LinkedHashMap<>();
        }
        Map<String, ManagerEntry> fromRequest = ManagedFields.decodeOrEmpty(requested);
        return fromRequest.isEmpty() ? ManagedFields.decodeOrEmpty(ManagedFields.of(live)) : fromRequest;
    }

    private static JsonNode existing(ObjectNode live) {
        JsonNode mf = ManagedFields.of(live);
        return mf == null ? JsonValues.NODES.arrayNode() : mf;
    }

    private static JsonNode withoutManagedFields(ObjectNode object) {
        if (!(object.get("metadata") instanceof ObjectNode metadata) || !metadata.has("managedFields")) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("managedFields");
        return copy;
    }

    /** Sets (in place, keeping its position) or removes metadata.managedFields. */
    private static ObjectNode withManagedFields(ObjectNode object, ArrayNode managedFields) {
        ObjectNode m;
        if (object.get("metadata") instanceof ObjectNode existing) {
            m = existing;
        } else if (managedFields.isEmpty()) {
            return object;
        } else {
            m = object.putObject("metadata");
        }
        if (managedFields.isEmpty()) {
            m.remove("managedFields");
        } else {
            m.set("managedFields", managedFields);
        }
        return object;
    }
}
