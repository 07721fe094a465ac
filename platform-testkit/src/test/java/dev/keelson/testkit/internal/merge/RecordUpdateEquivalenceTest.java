package dev.keelson.testkit.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ServerSideApply#recordUpdate} and {@link ServerSideApply#recordUpdateInPlace} (which skip equal subtrees,
 * read canonical FieldsV1 lazily and reuse it, and share unchanged sets) against a straightforward reference: every
 * managedFields entry decoded eagerly and re-encoded, both objects walked completely, on randomly mutated pods,
 * deployments and custom objects.
 */
class RecordUpdateEquivalenceTest {

    private static final String[] MANAGERS = {"kubectl", "kube-controller-manager", "kubelet", "kube-scheduler",
        "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"};
    private static final String[] SUBRESOURCES = {null, null, null, "status", "status", "scale"};
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Schema schema = Schema.kubernetes();
    private final ServerSideApply ssa = new ServerSideApply(schema);

    @Test
    void matchesTheFullComputationOnRandomWrites() {
        int writes = 0;
        for (int seed = 0; seed < 400; seed++) {
            Random r = new Random(seed);
            ObjectNode template = switch (r.nextInt(3)) {
                case 0 -> pod(seed);
                case 1 -> deployment(seed);
                default -> Trees.jsonObject("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
                        + "\"metadata\":{\"name\":\"w\"},\"spec\":{\"a\":[1,2,{\"b\":3}],\"m\":{\"x\":1,"
                        + "\"y\":{\"z\":null}},\"e\":{}},\"status\":{\"s\":1}}");
            };
            ObjectNode current = r.nextInt(10) == 0 ? template.deepCopy() : null;
            for (int step = 0; step < 8; step++) {
                ObjectNode next = current == null ? template.deepCopy() : current.deepCopy();
                if (current != null) {
                    mutate(next, r, 0);
                    if (r.nextInt(12) == 0 && next.get("metadata") instanceof ObjectNode md) {
                        md.putArray("managedFields").addObject();
                    }
                    if (r.nextInt(12) == 0 && next.get("metadata") instanceof ObjectNode md) {
                        md.remove("managedFields");
                    }
                }
                String manager = MANAGERS[r.nextInt(MANAGERS.length)];
                String subresource = current == null ? null : SUBRESOURCES[r.nextInt(SUBRESOURCES.length)];
                Instant now = T0.plusSeconds(step * 7L + r.nextInt(5));
                ObjectNode liveBefore = current == null ? null : current.deepCopy();
                ObjectNode nextBefore = next.deepCopy();

                ObjectNode expected = reference(current, next, manager, subresource, now);
                ObjectNode actual = ssa.recordUpdate(current, next, manager, subresource, now);
                ObjectNode inPlace = ssa.recordUpdateInPlace(current, next.deepCopy(), manager, subresource, now);

                String where = "seed " + seed + " step " + step;
                assertThat(actual.toString()).as(where).isEqualTo(expected.toString());
                assertThat(inPlace.toString()).as(where + ": in place").isEqualTo(expected.toString());
                assertThat(next).as(where + ": updated untouched").isEqualTo(nextBefore);
                if (current != null) {
                    assertThat(current).as(where + ": live untouched").isEqualTo(liveBefore);
                }
                writes++;
                current = actual;
            }
        }
        assertThat(writes).isEqualTo(3200);
    }

    @Test
    void keepsNonCanonicalFieldsV1AsTheFullComputationRewritesIt() {
        ObjectNode live = pod(1);
        ObjectNode md = (ObjectNode) live.get("metadata");
        // Unsorted keys, a lone ".", a non-canonical key encoding and a scalar leaf: all rewritten on encode.
        md.set("managedFields", Trees.json("[{\"manager\":\"a\",\"operation\":\"Update\",\"apiVersion\":\"v1\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{"
                + "\"f:restartPolicy\":{},\"f:dnsPolicy\":{}}}},"
                + "{\"manager\":\"b\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2026-01-01T00:00:01Z\","
                + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":{\"f:labels\":{\".\":{}}}}},"
                + "{\"manager\":\"c\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2026-01-01T00:00:02Z\","
                + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{\"f:containers\":{"
                + "\"k:{\\\"name\\\": \\\"nginx\\\"}\":{\".\":{},\"f:image\":{}}}}}},"
                + "{\"manager\":\"d\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2026-01-01T00:00:03Z\","
                + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{\"f:schedulerName\":\"x\"}}}]"));
        ObjectNode updated = live.deepCopy();
        ((ObjectNode) updated.get("status")).put("phase", "Running");
        for (String subresource : new String[] {null, "status"}) {
            ObjectNode expected = reference(live, updated, "kubelet", subresource, T0.plusSeconds(60));
            ObjectNode actual = ssa.recordUpdate(live, updated, "kubelet", subresource, T0.plusSeconds(60));
            ObjectNode inPlace = ssa.recordUpdateInPlace(live, updated.deepCopy(), "kubelet", subresource,
                    T0.plusSeconds(60));
            assertThat(actual.toString()).isEqualTo(expected.toString());
            assertThat(inPlace.toString()).isEqualTo(expected.toString());
        }
    }

    // ---- reference: the straightforward computation ----

    private ObjectNode reference(ObjectNode live, ObjectNode updated, String manager, String subresource,
            Instant now) {
        String apiVersion = updated.path("apiVersion").asString("");
        Schema.Node root = schema.root(apiVersion, updated.path("kind").asString(""));
        FieldSetExtractor.Scope scope = subresource == null ? FieldSetExtractor.Scope.MAIN
                : subresource.equals("status") ? FieldSetExtractor.Scope.STATUS : FieldSetExtractor.Scope.ALL;
        Map<String, ManagerEntry> managers;
        if (subresource != null) {
            managers = decodeOrEmpty(ManagedFields.of(live));
        } else if (ManagedFields.isReset(ManagedFields.of(updated))) {
            managers = new LinkedHashMap<>();
        } else {
            managers = decodeOrEmpty(ManagedFields.of(updated));
            if (managers.isEmpty()) {
                managers = decodeOrEmpty(ManagedFields.of(live));
            }
        }
        if (live != null && managers.isEmpty()) {
            return withManagedFields(updated.deepCopy(), JsonValues.NODES.arrayNode());
        }
        JsonNode before = live == null ? root.zeroValue() : live;
        FullDiff diff = new FullDiff(scope);
        diff.walk(root, root.withZeroValues(before), root.withZeroValues(updated), new ArrayList<>());
        FieldSet changed = diff.modified.union(diff.added);
        Map<String, ManagerEntry> out = new LinkedHashMap<>();
        for (Map.Entry<String, ManagerEntry> e : managers.entrySet()) {
            FieldSet fields = e.getValue().fields();
            FieldSet kept = fields.difference(diff.removed).difference(fields.intersection(changed));
            if (!kept.isEmpty()) {
                out.put(e.getKey(), e.getValue().withFields(kept));
            }
        }
        FieldSet taken = changed.difference(diff.removed);
        if (!taken.isEmpty()) {
            String id = ManagerEntry.identifier(manager, ManagerEntry.UPDATE, apiVersion, subresource);
            ManagerEntry previous = out.get(id);
            FieldSet fields = previous == null ? taken : previous.fields().union(taken);
            out.put(id, new ManagerEntry(manager, ManagerEntry.UPDATE, apiVersion, subresource,
                    ManagedFields.format(now), fields));
        }
        return withManagedFields(updated.deepCopy(), ManagedFields.encode(out));
    }

    /** Decoding without the canonical-JSON shortcut: every entry is re-encoded from its set. */
    private static Map<String, ManagerEntry> decodeOrEmpty(JsonNode managedFields) {
        Map<String, ManagerEntry> out = new LinkedHashMap<>();
        if (managedFields == null) {
            return out;
        }
        for (JsonNode e : managedFields) {
            String fieldsType = text(e, "fieldsType");
            JsonNode fieldsV1 = e.get("fieldsV1");
            ManagerEntry entry;
            try {
                entry = new ManagerEntry(text(e, "manager"), text(e, "operation"), text(e, "apiVersion"),
                        text(e, "subresource"), text(e, "time"), fieldsV1 != null && fieldsV1.isObject()
                                ? FieldSet.fromFieldsV1((ObjectNode) fieldsV1) : FieldSet.empty());
            } catch (IllegalArgumentException ex) {
                return new LinkedHashMap<>();
            }
            if (!e.isObject() || (fieldsType != null && !fieldsType.equals("FieldsV1"))
                    || (!entry.applied() && !ManagerEntry.UPDATE.equals(entry.operation()))
                    || out.put(entry.identifier(), entry) != null) {
                return new LinkedHashMap<>();
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

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

    /** structured-merge-diff's comparison walking every field of both objects, equal or not. */
    private static final class FullDiff {
        final FieldSetExtractor.Scope scope;
        final FieldSet added = FieldSet.empty();
        final FieldSet modified = FieldSet.empty();
        final FieldSet removed = FieldSet.empty();

        FullDiff(FieldSetExtractor.Scope scope) {
            this.scope = scope;
        }

        void walk(Schema.Node node, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
            boolean lAbsent = JsonValues.absent(lhs);
            boolean rAbsent = JsonValues.absent(rhs);
            if (lAbsent && rAbsent) {
                return;
            }
            boolean objects = objectLike(lhs) && objectLike(rhs);
            boolean arrays = arrayLike(lhs) && arrayLike(rhs);
            boolean bothEmpty = JsonValues.emptyOrNull(lhs) && JsonValues.emptyOrNull(rhs);
            if (objects && !bothEmpty && !node.isAtomicMap()
                    && ((lhs != null && lhs.isContainer()) || (rhs != null && rhs.isContainer()))) {
                Set<String> keys = new java.util.LinkedHashSet<>();
                if (lhs != null && lhs.isObject()) {
                    keys.addAll(lhs.propertyNames());
                }
                if (rhs != null && rhs.isObject()) {
                    keys.addAll(rhs.propertyNames());
                }
                for (String key : keys) {
                    path.add(new PathElement.Field(key));
                    if (!FieldSetExtractor.excluded(path, scope)) {
                        walk(node.field(key), field(lhs, key), field(rhs, key), path);
                    }
                    path.remove(path.size() - 1);
                }
            } else if (arrays && !bothEmpty && lists(node, lhs, rhs, path)) {
                // compared item by item
            } else {
                if (lAbsent) {
                    added.insert(path);
                } else if (rAbsent) {
                    removed.insert(path);
                } else if (!JsonValues.equal(lhs, rhs)) {
                    modified.insert(path);
                }
                return;
            }
            if (lAbsent) {
                added.insert(path);
            } else if (rAbsent) {
                removed.insert(path);
            }
        }

        private boolean lists(Schema.Node node, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
            List<PathElement> lPes = items(node.list(), lhs);
            List<PathElement> rPes = items(node.list(), rhs);
            if (lPes == null || rPes == null) {
                return false;
            }
            Map<PathElement, JsonNode> lItems = new HashMap<>();
            for (int i = 0; i < lPes.size(); i++) {
                lItems.put(lPes.get(i), lhs.get(i));
            }
            Set<PathElement> inRhs = new HashSet<>(rPes);
            for (int i = 0; i < rPes.size(); i++) {
                path.add(rPes.get(i));
                walk(node.element(), lItems.get(rPes.get(i)), rhs.get(i), path);
                path.remove(path.size() - 1);
            }
            for (int i = 0; i < lPes.size(); i++) {
                if (!inRhs.contains(lPes.get(i))) {
                    path.add(lPes.get(i));
                    walk(node.element(), lhs.get(i), null, path);
                    path.remove(path.size() - 1);
                }
            }
            return true;
        }

        private static List<PathElement> items(ListSemantics semantics, JsonNode list) {
            if (semantics.applyType() == ListSemantics.ApplyType.ATOMIC) {
                return null;
            }
            return list == null || !list.isArray() ? List.of() : ListItems.elements(semantics, list);
        }

        private static JsonNode field(JsonNode object, String key) {
            return object != null && object.isObject() ? object.get(key) : null;
        }

        private static boolean objectLike(JsonNode n) {
            return JsonValues.absent(n) || n.isNull() || n.isObject();
        }

        private static boolean arrayLike(JsonNode n) {
            return JsonValues.absent(n) || n.isNull() || n.isArray();
        }
    }

    // ---- random objects ----

    private static void mutate(JsonNode node, Random r, int depth) {
        if (node instanceof ObjectNode o) {
            for (String k : new ArrayList<>(o.propertyNames())) {
                if (depth == 0 && k.equals("metadata") && o.get(k) instanceof ObjectNode md && r.nextInt(3) > 0) {
                    if (r.nextInt(4) == 0) {
                        md.putObject("labels").put("x" + r.nextInt(3), "v" + r.nextInt(2));
                    }
                    if (r.nextInt(6) == 0) {
                        md.remove("labels");
                    }
                    if (r.nextInt(8) == 0) {
                        md.putArray("finalizers").add("f" + r.nextInt(2));
                    }
                    continue;
                }
                JsonNode v = o.get(k);
                switch (r.nextInt(14)) {
                    case 0 -> o.remove(k);
                    case 1 -> {
                        if (v.isValueNode()) {
                            o.put(k, "changed" + r.nextInt(2));
                        } else {
                            mutate(v, r, depth + 1);
                        }
                    }
                    case 2 -> {
                        if (v.isNumber()) {
                            o.put(k, v.asDouble() + (r.nextBoolean() ? 0.0 : 1));
                        } else {
                            mutate(v, r, depth + 1);
                        }
                    }
                    case 3 -> o.putNull(k);
                    case 4 -> {
                        if (v.isObject()) {
                            o.putObject(k);
                        } else if (v.isArray()) {
                            o.putArray(k);
                        }
                    }
                    default -> mutate(v, r, depth + 1);
                }
            }
            if (r.nextInt(6) == 0) {
                o.put("new" + r.nextInt(3), r.nextInt(3));
            }
            if (r.nextInt(10) == 0) {
                o.putObject("newobj" + r.nextInt(2)).put("a", 1).putObject("b").put("c", true);
            }
        } else if (node instanceof ArrayNode a) {
            int c = r.nextInt(8);
            if (c == 0 && !a.isEmpty()) {
                a.remove(r.nextInt(a.size()));
            } else if (c == 1 && !a.isEmpty()) {
                a.add(a.get(r.nextInt(a.size())).deepCopy());
            } else if (c == 2 && a.size() > 1) {
                a.add(a.remove(0));
            } else {
                for (Iterator<JsonNode> it = a.iterator(); it.hasNext();) {
                    mutate(it.next(), r, depth + 1);
                }
            }
        }
    }

    private static ObjectNode pod(int i) {
        return Trees.jsonObject("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-%1$d","namespace":"default","uid":"u-%1$d",
             "resourceVersion":"12","labels":{"app":"web","pod-template-hash":"abc"},"annotations":{"a":"b"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-abc","uid":"rs-%1$d",
               "controller":true}]},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
                "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}],
                "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"100m"}},
                "volumeMounts":[{"name":"data","mountPath":"/data"}]},
               {"name":"sidecar","image":"busybox","args":["sleep","1000"]}],
              "volumes":[{"name":"data","emptyDir":{}}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst",
              "terminationGracePeriodSeconds":30,"securityContext":{},"finalizers":["a","b"],
              "tolerations":[{"key":"k","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
             "status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False"}],
              "podIPs":[{"ip":"10.0.0.%1$d"}]}}
            """.formatted(i));
    }

    private static ObjectNode deployment(int i) {
        return Trees.jsonObject("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web-%1$d","namespace":"default",
              "generation":1,"labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%%","maxUnavailable":1}},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx",
                "image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}},
             "status":{"observedGeneration":1,"replicas":3,"readyReplicas":2,
              "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
                {"type":"Progressing","status":"True"}]}}
            """.formatted(i));
    }
}
