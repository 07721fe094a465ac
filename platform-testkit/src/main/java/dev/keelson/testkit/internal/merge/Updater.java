package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Field ownership bookkeeping for one kind (structured-merge-diff's {@code merge.Updater}): who owns what after an
 * apply or an update, which fields an apply prunes, and which fields conflict. Works on manager maps keyed by
 * {@link ManagerEntry#identifier()}; never modifies its arguments.
 */
final class Updater {

    /** Stand-in identifier for the write in progress, so that the writer's earlier entry is treated like others. */
    private static final String CURRENT_OPERATION = "current-operation";

    private final Schema.Node root;
    private final FieldSetExtractor.Scope scope;

    /** The outcome of an apply: the merged (and pruned) object and the new managers. */
    record Applied(JsonNode object, Map<String, ManagerEntry> managers) {}

    Updater(Schema.Node root, FieldSetExtractor.Scope scope) {
        this.root = root;
        this.scope = scope;
    }

    /**
     * A non-apply write turning {@code oldObj} (null for none) into {@code newObj}: added and changed fields move to
     * the writer's Update entry (stamped {@code time}), removed fields leave every entry. Never conflicts.
     */
    Map<String, ManagerEntry> update(JsonNode oldObj, JsonNode newObj, Map<String, ManagerEntry> managers,
            String manager, String apiVersion, String subresource, String time) {
        Map<String, ManagerEntry> out = new LinkedHashMap<>(managers);
        StructuredDiff.Comparison cmp = resolve(oldObj, newObj, out, CURRENT_OPERATION, true);
        FieldSet taken = cmp.modified().union(cmp.added()).difference(cmp.removed());
        if (!taken.isEmpty()) {
            String id = ManagerEntry.identifier(manager, ManagerEntry.UPDATE, apiVersion, subresource);
            ManagerEntry previous = out.get(id);
            FieldSet fields = previous == null ? taken : previous.fields().union(taken);
            out.put(id, new ManagerEntry(manager, ManagerEntry.UPDATE, apiVersion, subresource, time, fields));
        }
        return out;
    }

    /**
     * Applies {@code config} as {@code manager}: merges, records the applier's new set, prunes what it dropped and
     * resolves conflicts (throwing {@link ServerSideApply.ApplyConflictException} unless {@code force}). The
     * applier's entry keeps its previous time; the caller stamps it.
     */
    Applied apply(JsonNode liveObj, JsonNode config, Map<String, ManagerEntry> managers, String manager,
            String apiVersion, String subresource, boolean force) {
        Map<String, ManagerEntry> out = new LinkedHashMap<>(managers);
        JsonNode merged = StructuredMerge.merge(root, liveObj, config);
        String id = ManagerEntry.identifier(manager, ManagerEntry.APPLY, null, subresource);
        ManagerEntry previous = out.get(id);
        FieldSet applied = FieldSetExtractor.extract(root, config, scope);
        out.put(id, new ManagerEntry(manager, ManagerEntry.APPLY, apiVersion, subresource,
                previous == null ? null : previous.time(), applied));
        // Pruning sees the whole configuration, identity fields (apiVersion, kind, metadata.name) included.
        FieldSet claimed = FieldSetExtractor.extract(root, config, FieldSetExtractor.Scope.NONE);
        merged = prune(merged, out, previous == null ? null : previous.fields(), claimed);
        resolve(liveObj, merged, out, id, force);
        return new Applied(merged, out);
    }

    /**
     * structured-merge-diff's {@code update}: other managers lose fields the write modified or added (conflicts
     * unless forced) and fields it removed. Mutates {@code managers}.
     */
    private StructuredDiff.Comparison resolve(JsonNode oldObj, JsonNode newObj, Map<String, ManagerEntry> managers,
            String workflow, boolean force) {
        // Compare as Go sees typed objects: non-pointer structs are always there.
        StructuredDiff.Comparison cmp = StructuredDiff.compare(root, root.withZeroValues(oldObj),
                root.withZeroValues(newObj), scope);
        FieldSet changed = cmp.modified().union(cmp.added());
        Map<String, FieldSet> conflicts = new TreeMap<>();
        for (Map.Entry<String, ManagerEntry> e : managers.entrySet()) {
            if (!e.getKey().equals(workflow)) {
                FieldSet conflict = e.getValue().fields().intersection(changed);
                if (!conflict.isEmpty()) {
                    conflicts.put(e.getKey(), conflict);
                }
            }
        }
        if (!force && !conflicts.isEmpty()) {
            throw conflictError(conflicts, managers);
        }
        for (Map.Entry<String, ManagerEntry> e : managers.entrySet()) {
            if (!e.getKey().equals(workflow)) {
                FieldSet kept = e.getValue().fields().difference(cmp.removed());
                FieldSet conflict = conflicts.get(e.getKey());
                e.setValue(e.getValue().withFields(conflict == null ? kept : kept.difference(conflict)));
            }
        }
        for (Iterator<ManagerEntry> it = managers.values().iterator(); it.hasNext();) {
            if (it.next().fields().isEmpty()) {
                it.remove();
            }
        }
        return cmp;
    }

    private static ServerSideApply.ApplyConflictException conflictError(Map<String, FieldSet> conflicts,
            Map<String, ManagerEntry> managers) {
        List<ServerSideApply.Conflict> list = new ArrayList<>();
        conflicts.forEach((id, set) -> {
            String printed = managers.get(id).printed();
            set.paths().forEach(p -> list.add(new ServerSideApply.Conflict(printed, p.toString())));
        });
        return new ServerSideApply.ApplyConflictException(list);
    }

    /**
     * structured-merge-diff's {@code prune}: removes what the applier owned last time ({@code lastSet}) and no
     * longer applies, unless some manager (applier or updater) still owns it.
     */
    private JsonNode prune(JsonNode merged, Map<String, ManagerEntry> managers, FieldSet lastSet, FieldSet claimed) {
        if (merged == null || lastSet == null || lastSet.isEmpty()) {
            return merged;
        }
        FieldSet last = lastSet.withNamedFieldsAsMembers();
        JsonNode pruned = remove(merged, last);
        FieldSet managed = claimed;
        for (ManagerEntry e : managers.values()) {
            managed = managed.union(e.fields());
        }
        managed = managed.withNamedFieldsAsMembers();
        FieldSet mergedSet = fieldsOf(merged);
        // addBackOwnedItems: keep whatever someone owns.
        pruned = remove(merged, mergedSet.difference(fieldsOf(pruned).union(managed)));
        // addBackDanglingItems: only remove what the applier owned last time.
        return remove(merged, mergedSet.difference(fieldsOf(pruned)).intersection(last));
    }

    private JsonNode remove(JsonNode object, FieldSet paths) {
        JsonNode out = FieldRemover.remove(root, object, paths);
        return out == null ? JsonValues.NODES.objectNode() : out;
    }

    private FieldSet fieldsOf(JsonNode object) {
        return FieldSetExtractor.extract(root, object, FieldSetExtractor.Scope.NONE).withNamedFieldsAsMembers();
    }
}
