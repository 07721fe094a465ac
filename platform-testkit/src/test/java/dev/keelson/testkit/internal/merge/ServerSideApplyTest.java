package dev.keelson.testkit.internal.merge;

import static dev.keelson.testkit.internal.merge.Trees.json;
import static dev.keelson.testkit.internal.merge.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keelson.testkit.internal.merge.ServerSideApply.ApplyConflictException;
import dev.keelson.testkit.internal.merge.ServerSideApply.ApplyResult;
import dev.keelson.testkit.internal.merge.ServerSideApply.Conflict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ServerSideApplyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T00:10:00.750Z");

    private final ServerSideApply ssa = new ServerSideApply(Schema.kubernetes());

    private static ObjectNode deployment(int replicas, String image) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: nginx
                        image: %s
                """.formatted(replicas, image));
    }

    /** Only replicas: what an autoscaler-like second applier sends. */
    private static ObjectNode replicasOnly(int replicas) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec: {replicas: %d}
                """.formatted(replicas));
    }

    private static JsonNode managedFields(JsonNode object) {
        return object.path("metadata").path("managedFields");
    }

    private static JsonNode entry(JsonNode object, String manager, String operation) {
        for (JsonNode e : managedFields(object)) {
            if (e.path("manager").asString().equals(manager) && e.path("operation").asString().equals(operation)) {
                return e;
            }
        }
        return null;
    }

    private static FieldSet fieldsOf(JsonNode object, String manager, String operation) {
        JsonNode e = entry(object, manager, operation);
        return e == null ? FieldSet.empty() : FieldSet.fromFieldsV1((ObjectNode) e.get("fieldsV1"));
    }

    @Test
    void createByApplyRecordsTheAppliersFieldsExactlyLikeKubernetes() {
        ApplyResult result = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0);

        assertThat(result.changed()).isTrue();
        assertThat(result.object().path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(managedFields(result.object())).isEqualTo(json("""
                [{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-01T00:00:00Z",
                  "fieldsType":"FieldsV1",
                  "fieldsV1":{"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":
                    {"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":
                    {".":{},"f:image":{},"f:name":{}}}}}}}}]
                """));
    }

    @Test
    void fieldsV1MatchesKubernetesByteForByte() {
        ObjectNode config = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers: [{name: nginx, image: "nginx:1.25"}]
                """);
        ObjectNode created = ssa.apply(null, config, "kubectl", false, T0).object();

        assertThat(entry(created, "kubectl", "Apply").get("fieldsV1").toString()).isEqualTo(
                "{\"f:spec\":{\"f:replicas\":{},\"f:template\":{\"f:spec\":{\"f:containers\":"
                        + "{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}}}");
    }

    @Test
    void applyingTheSameConfigTwiceIsANoOpThatKeepsTheTime() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyResult again = ssa.apply(created, deployment(3, "nginx:1.25"), "kubectl", false, T1);

        assertThat(again.changed()).isFalse();
        assertThat(again.object()).isSameAs(created);
        assertThat(entry(again.object(), "kubectl", "Apply").get("time").asString()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aChangingApplyBumpsTheTimeToWholeSeconds() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyResult changed = ssa.apply(created, deployment(4, "nginx:1.25"), "kubectl", false, T2);

        assertThat(changed.changed()).isTrue();
        assertThat(changed.object().at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(entry(changed.object(), "kubectl", "Apply").get("time").asString())
                .isEqualTo("2026-01-01T00:10:00Z");
    }

    @Test
    void anApplierNeverConflictsWithItself() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyResult changed = ssa.apply(created, deployment(5, "nginx:1.26"), "kubectl", false, T1);

        assertThat(changed.object().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(changed.object().at("/spec/template/spec/containers/0/image").asString()).isEqualTo("nginx:1.26");
    }

    @Test
    void aSecondApplierChangingAFieldConflictsWithKubernetesMessage() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> ssa.apply(created, replicasOnly(5), "autoscaler", false, T1));

        assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
        assertThat(e.conflicts()).containsExactly(new Conflict("\"kubectl\"", ".spec.replicas"));
        assertThat(e.conflicts().get(0).causeMessage()).isEqualTo("conflict with \"kubectl\"");
    }

    @Test
    void conflictsWithAnUpdaterNameItsApiVersion() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode scaled = created.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 7);
        ObjectNode updated = ssa.recordUpdate(created, scaled, "kube-controller-manager", null, T1);

        assertThatThrownBy(() -> ssa.apply(updated, deployment(3, "nginx:1.25"), "kubectl", false, T2))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"kube-controller-manager\" using apps/v1: "
                        + ".spec.replicas");
    }

    @Test
    void severalConflictsAreListedPerManager() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> ssa.apply(created, deployment(5, "nginx:1.26"), "other", false, T1));

        assertThat(e.getMessage()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"kubectl\":\n"
                + "- .spec.replicas\n"
                + "- .spec.template.spec.containers[name=\"nginx\"].image");
        assertThat(e.conflicts()).extracting(Conflict::field)
                .containsExactly(".spec.replicas", ".spec.template.spec.containers[name=\"nginx\"].image");
    }

    @Test
    void conflictsWithSeveralManagersAreGroupedBySortedManager() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "zeta", false, T0).object();
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.at("/spec/template/spec/containers/0")).put("image", "nginx:1.27");
        ObjectNode updated = ssa.recordUpdate(created, edited, "alpha", null, T1);

        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> ssa.apply(updated, deployment(5, "nginx:1.26"), "third", false, T2));

        assertThat(e.getMessage()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"alpha\" using apps/v1:\n"
                + "- .spec.template.spec.containers[name=\"nginx\"].image\n"
                + "conflicts with \"zeta\":\n"
                + "- .spec.replicas");
    }

    @Test
    void settingTheSameValueIsNotAConflictAndSharesOwnership() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyResult shared = ssa.apply(created, replicasOnly(3), "autoscaler", false, T1);

        FieldPath replicas = FieldPath.of("spec", "replicas");
        assertThat(fieldsOf(shared.object(), "kubectl", "Apply").contains(replicas)).isTrue();
        assertThat(fieldsOf(shared.object(), "autoscaler", "Apply").contains(replicas)).isTrue();
        assertThat(shared.changed()).isTrue();
        assertThat(shared.object().get("spec")).isEqualTo(created.get("spec"));
    }

    @Test
    void forceTakesOwnershipOfConflictingFields() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ApplyResult forced = ssa.apply(created, replicasOnly(5), "autoscaler", true, T1);

        FieldPath replicas = FieldPath.of("spec", "replicas");
        assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(fieldsOf(forced.object(), "autoscaler", "Apply").contains(replicas)).isTrue();
        assertThat(fieldsOf(forced.object(), "kubectl", "Apply").contains(replicas)).isFalse();
        assertThat(fieldsOf(forced.object(), "kubectl", "Apply")
                .contains(FieldPath.of("spec", "selector"))).isTrue();
    }

    @Test
    void aFieldTheApplierStopsApplyingIsRemoved() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode withoutReplicas = deployment(3, "nginx:1.25");
        ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

        ApplyResult result = ssa.apply(created, withoutReplicas, "kubectl", false, T1);

        assertThat(result.object().path("spec").has("replicas")).isFalse();
        assertThat(result.object().at("/spec/template/spec/containers/0/image").asString()).isEqualTo("nginx:1.25");
        assertThat(fieldsOf(result.object(), "kubectl", "Apply").contains(FieldPath.of("spec", "replicas")))
                .isFalse();
    }

    @Test
    void aFieldAnotherManagerAlsoOwnsStaysWhenTheApplierDropsIt() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode shared = ssa.apply(created, replicasOnly(3), "autoscaler", false, T1).object();
        ObjectNode withoutReplicas = deployment(3, "nginx:1.25");
        ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

        ApplyResult result = ssa.apply(shared, withoutReplicas, "kubectl", false, T2);

        assertThat(result.object().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(fieldsOf(result.object(), "kubectl", "Apply").contains(FieldPath.of("spec", "replicas")))
                .isFalse();
        assertThat(fieldsOf(result.object(), "autoscaler", "Apply").contains(FieldPath.of("spec", "replicas")))
                .isTrue();
    }

    @Test
    void aFieldAnUpdaterChangedStaysWhenTheApplierDropsIt() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode scaled = created.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 9);
        ObjectNode updated = ssa.recordUpdate(created, scaled, "scaler", null, T1);
        ObjectNode withoutReplicas = deployment(3, "nginx:1.25");
        ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

        ApplyResult result = ssa.apply(updated, withoutReplicas, "kubectl", false, T2);

        assertThat(result.object().at("/spec/replicas").asInt()).isEqualTo(9);
    }

    @Test
    void containersAreMergedByNameAndOwnedPerManager() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode sidecar = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                      - name: proxy
                        image: envoy:1.30
                """);

        ObjectNode both = ssa.apply(created, sidecar, "mesh-injector", false, T1).object();

        assertThat(both.at("/spec/template/spec/containers")).isEqualTo(json("""
                [{"name":"nginx","image":"nginx:1.25"},{"name":"proxy","image":"envoy:1.30"}]"""));
        FieldPath nginxImage = FieldPath.of("spec", "template", "spec", "containers")
                .child(new PathElement.Key(java.util.Map.of("name", json("\"nginx\""))))
                .field("image");
        FieldPath proxyImage = FieldPath.of("spec", "template", "spec", "containers")
                .child(new PathElement.Key(java.util.Map.of("name", json("\"proxy\""))))
                .field("image");
        assertThat(fieldsOf(both, "kubectl", "Apply").contains(nginxImage)).isTrue();
        assertThat(fieldsOf(both, "kubectl", "Apply").contains(proxyImage)).isFalse();
        assertThat(fieldsOf(both, "mesh-injector", "Apply").contains(proxyImage)).isTrue();
        assertThat(fieldsOf(both, "mesh-injector", "Apply").contains(nginxImage)).isFalse();

        // kubectl re-applies its config: the injected container survives and nothing conflicts.
        ApplyResult again = ssa.apply(both, deployment(3, "nginx:1.26"), "kubectl", false, T2);
        assertThat(again.object().at("/spec/template/spec/containers")).isEqualTo(json("""
                [{"name":"nginx","image":"nginx:1.26"},{"name":"proxy","image":"envoy:1.30"}]"""));
    }

    @Test
    void aContainerTheApplierDropsIsRemoved() {
        ObjectNode two = deployment(1, "nginx:1.25");
        ((tools.jackson.databind.node.ArrayNode) two.at("/spec/template/spec/containers"))
                .add(yaml("{name: proxy, image: envoy}"));
        ObjectNode created = ssa.apply(null, two, "kubectl", false, T0).object();

        ObjectNode result = ssa.apply(created, deployment(1, "nginx:1.25"), "kubectl", false, T1).object();

        assertThat(result.at("/spec/template/spec/containers")).isEqualTo(json("""
                [{"name":"nginx","image":"nginx:1.25"}]"""));
    }

    @Test
    void envIsMergedByName() {
        ObjectNode first = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: app
                    image: app:1
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                """);
        ObjectNode created = ssa.apply(null, first, "kubectl", false, T0).object();
        ObjectNode injector = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: app
                    env: [{name: C, value: "3"}]
                """);
        ObjectNode injected = ssa.apply(created, injector, "injector", false, T1).object();
        assertThat(injected.at("/spec/containers/0/env")).isEqualTo(json("""
                [{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"C","value":"3"}]"""));

        // kubectl drops B: it goes; C (owned by the injector) and A stay.
        ObjectNode second = first.deepCopy();
        ((tools.jackson.databind.node.ArrayNode) second.at("/spec/containers/0/env")).remove(1);
        ObjectNode result = ssa.apply(injected, second, "kubectl", false, T2).object();
        assertThat(result.at("/spec/containers/0/env")).isEqualTo(json("""
                [{"name":"A","value":"1"},{"name":"C","value":"3"}]"""));
        assertThat(result.at("/spec/containers/0/image").asString()).isEqualTo("app:1");
    }

    @Test
    void containerPortsAreKeyedByPortAndProtocolWithTcpDefault() {
        ObjectNode tcp = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: dns}
                spec:
                  containers:
                  - name: dns
                    image: coredns
                    ports: [{containerPort: 53}]
                """);
        ObjectNode created = ssa.apply(null, tcp, "a", false, T0).object();
        ObjectNode udp = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: dns}
                spec:
                  containers:
                  - name: dns
                    ports: [{containerPort: 53, protocol: UDP}]
                """);

        ObjectNode both = ssa.apply(created, udp, "b", false, T1).object();

        assertThat(both.at("/spec/containers/0/ports")).isEqualTo(json("""
                [{"containerPort":53},{"containerPort":53,"protocol":"UDP"}]"""));
        assertThat(entry(both, "a", "Apply").toString())
                .contains("k:{\\\"containerPort\\\":53,\\\"protocol\\\":\\\"TCP\\\"}");
        assertThat(entry(both, "b", "Apply").toString())
                .contains("k:{\\\"containerPort\\\":53,\\\"protocol\\\":\\\"UDP\\\"}");
    }

    @Test
    void servicePortsAreKeyedByPortAndProtocol() {
        ObjectNode svc = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        ObjectNode created = ssa.apply(null, svc, "a", false, T0).object();

        assertThat(entry(created, "a", "Apply").path("fieldsV1").toString()).isEqualTo(
                "{\"f:spec\":{\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":"
                        + "{\".\":{},\"f:port\":{},\"f:targetPort\":{}}},\"f:selector\":{}}}");
    }

    @Test
    void aPlainUpdateStealsOwnershipSilently() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode scaled = created.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 5);

        ObjectNode updated = ssa.recordUpdate(created, scaled, "kubectl-scale", null, T1);

        assertThat(updated.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(fieldsOf(updated, "kubectl", "Apply").contains(FieldPath.of("spec", "replicas"))).isFalse();
        JsonNode scaleEntry = entry(updated, "kubectl-scale", "Update");
        assertThat(scaleEntry).isEqualTo(json("""
                {"manager":"kubectl-scale","operation":"Update","apiVersion":"apps/v1","time":"2026-01-01T00:05:00Z",
                 "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}"""));
        // Apply entries sort before Update entries.
        assertThat(managedFields(updated).get(0).path("operation").asString()).isEqualTo("Apply");
    }

    @Test
    void anUpdateThatRemovesAFieldRemovesItFromEverySet() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("spec")).remove("replicas");

        ObjectNode updated = ssa.recordUpdate(created, edited, "editor", null, T1);

        assertThat(fieldsOf(updated, "kubectl", "Apply").contains(FieldPath.of("spec", "replicas"))).isFalse();
        assertThat(entry(updated, "editor", "Update")).isNull();
    }

    @Test
    void anUpdateThatChangesNothingLeavesManagedFieldsAlone() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();

        ObjectNode updated = ssa.recordUpdate(created, created.deepCopy(), "editor", null, T1);

        assertThat(managedFields(updated)).isEqualTo(managedFields(created));
    }

    @Test
    void createByUpdateRecordsAddedMapsAndItems() {
        ObjectNode object = deployment(3, "nginx:1.25");
        ((ObjectNode) object.get("metadata")).putObject("labels").put("app", "web");

        ObjectNode created = ssa.recordUpdate(null, object, "kubectl-create", null, T0);

        assertThat(entry(created, "kubectl-create", "Update").get("fieldsV1")).isEqualTo(json("""
                {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                 "f:spec":{"f:replicas":{},"f:selector":{},"f:template":{
                   "f:metadata":{"f:labels":{".":{},"f:app":{}}},
                   "f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}
                """));
    }

    @Test
    void createByUpdateTreatsGoValueStructsAsAlwaysPresent() {
        ObjectNode object = deployment(1, "nginx");
        ((ObjectNode) object.get("spec")).set("strategy", yaml("""
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1}
                """));

        ObjectNode created = ssa.recordUpdate(null, object, "kubectl-create", null, T0);

        // strategy is a non-pointer struct (no "."), rollingUpdate a pointer that appeared (".").
        assertThat(entry(created, "kubectl-create", "Update").at("/fieldsV1/f:spec/f:strategy")).isEqualTo(json("""
                {"f:rollingUpdate":{".":{},"f:maxSurge":{}},"f:type":{}}"""));
    }

    @Test
    void statusSubresourceWritesAreTrackedWithTheSubresource() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode withStatus = created.deepCopy();
        withStatus.set("status", yaml("""
                replicas: 3
                conditions:
                - {type: Available, status: "True"}
                """));

        ObjectNode updated = ssa.recordUpdate(created, withStatus, "kube-controller-manager", "status", T1);

        assertThat(entry(updated, "kube-controller-manager", "Update")).isEqualTo(json("""
                {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",
                 "time":"2026-01-01T00:05:00Z","fieldsType":"FieldsV1",
                 "fieldsV1":{"f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":
                   {".":{},"f:status":{},"f:type":{}}},"f:replicas":{}}},
                 "subresource":"status"}"""));
        // Apply ignores status and never conflicts with the status writer.
        ApplyResult again = ssa.apply(updated, deployment(3, "nginx:1.25"), "kubectl", false, T2);
        assertThat(again.changed()).isFalse();
    }

    @Test
    void applyIgnoresStatusInTheConfiguration() {
        ObjectNode config = deployment(1, "nginx:1.25");
        config.putObject("status").put("replicas", 42);

        ObjectNode created = ssa.apply(null, config, "kubectl", false, T0).object();

        assertThat(created.has("status")).isFalse();
        assertThat(entry(created, "kubectl", "Apply").toString()).doesNotContain("f:status");
    }

    @Test
    void theFirstApplyToAnUntrackedObjectCreditsBeforeFirstApply() {
        ObjectNode untracked = deployment(3, "nginx:1.25");

        assertThatThrownBy(() -> ssa.apply(untracked, replicasOnly(4), "kubectl", false, T1))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: "
                        + ".spec.replicas");
        ApplyResult sameValue = ssa.apply(untracked, replicasOnly(3), "kubectl", false, T1);
        assertThat(entry(sameValue.object(), "before-first-apply", "Update")).isNotNull();
        assertThat(sameValue.changed()).isTrue();
    }

    @Test
    void updatesToAnUntrackedObjectStayUntracked() {
        ObjectNode untracked = deployment(3, "nginx:1.25");
        ObjectNode edited = untracked.deepCopy();
        ((ObjectNode) edited.get("spec")).put("replicas", 4);

        ObjectNode updated = ssa.recordUpdate(untracked, edited, "editor", null, T1);

        assertThat(updated.path("metadata").has("managedFields")).isFalse();
        assertThat(updated.at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void writingAnEmptyEntryResetsManagedFields() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode reset = created.deepCopy();
        ((ObjectNode) reset.get("metadata")).set("managedFields", json("[{}]"));

        ObjectNode updated = ssa.recordUpdate(created, reset, "editor", null, T1);

        assertThat(updated.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void finalizersAreASet() {
        ObjectNode config = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, finalizers: [example.com/a]}
                data: {k: v}
                """);
        ObjectNode created = ssa.apply(null, config, "a", false, T0).object();
        ObjectNode other = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, finalizers: [example.com/b]}
                """);

        ObjectNode both = ssa.apply(created, other, "b", false, T1).object();

        assertThat(both.at("/metadata/finalizers")).isEqualTo(json("[\"example.com/a\",\"example.com/b\"]"));
        assertThat(entry(both, "b", "Apply").get("fieldsV1")).isEqualTo(json("""
                {"f:metadata":{"f:finalizers":{"v:\\"example.com/b\\"":{}}}}"""));
    }

    @Test
    void atomicListsAreOwnedWholeAndReplaced() {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  tolerations: [{key: a, operator: Exists}]
                  containers:
                  - {name: app, image: app, args: [--one, --two]}
                """);
        ObjectNode created = ssa.apply(null, pod, "a", false, T0).object();
        FieldSet fields = fieldsOf(created, "a", "Apply");
        assertThat(fields.toFieldsV1().at("/f:spec/f:tolerations")).isEqualTo(json("{}"));

        ObjectNode other = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - {name: app, args: [--three]}
                """);
        assertThatThrownBy(() -> ssa.apply(created, other, "b", false, T1))
                .hasMessage("Apply failed with 1 conflict: conflict with \"a\": .spec.containers[name=\"app\"].args");
        ObjectNode forced = ssa.apply(created, other, "b", true, T1).object();
        assertThat(forced.at("/spec/containers/0/args")).isEqualTo(json("[\"--three\"]"));
    }

    @Test
    void labelsAreOwnedOneByOne() {
        ObjectNode a = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, labels: {team: x}}
                """);
        ObjectNode b = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, labels: {tier: y}}
                """);
        ObjectNode created = ssa.apply(null, a, "a", false, T0).object();
        ObjectNode both = ssa.apply(created, b, "b", false, T1).object();

        assertThat(both.at("/metadata/labels")).isEqualTo(json("{\"team\":\"x\",\"tier\":\"y\"}"));
        ObjectNode dropped = ssa.apply(both, yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"),
                "a", false, T2).object();
        assertThat(dropped.at("/metadata/labels")).isEqualTo(json("{\"tier\":\"y\"}"));
        assertThat(dropped.at("/metadata/name").asString()).isEqualTo("c");
        assertThat(entry(dropped, "a", "Apply")).isNull();
    }

    @Test
    void newKeysFollowTheLiveOrderThenTheConfigOrder() {
        ObjectNode live = ssa.recordUpdate(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {z: "1", a: "2"}
                """), "creator", null, T0);

        ObjectNode merged = ssa.apply(live, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {m: "3", a: "2", b: "4"}
                """), "applier", false, T1).object();

        List<String> keys = new ArrayList<>(merged.get("data").propertyNames());
        assertThat(keys).containsExactly("z", "a", "m", "b");
    }

    @Test
    void anAssociativeItemWithoutItsKeyIsRejected() {
        ObjectNode bad = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers: [{image: nginx}]
                """);

        assertThatThrownBy(() -> ssa.apply(null, bad, "kubectl", false, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failed to create typed patch object (apps/v1, Kind=Deployment): "
                        + ".spec.template.spec.containers: element 0: associative list with keys has an element "
                        + "that omits key field \"name\" (and doesn't have default value)");
    }

    @Test
    void applyRejectsManagedFieldsAndAMissingManager() {
        ObjectNode config = deployment(1, "x");
        ((ObjectNode) config.get("metadata")).set("managedFields", json("[{\"manager\":\"x\"}]"));

        assertThatThrownBy(() -> ssa.apply(null, config, "kubectl", false, T0))
                .hasMessage("metadata.managedFields must be nil");
        assertThatThrownBy(() -> ssa.apply(null, deployment(1, "x"), "", false, T0))
                .hasMessage("fieldManager: Required value: is required for apply patch");
    }

    @Test
    void moreThanTenUpdatersAreFoldedIntoAncientChanges() {
        ObjectNode object = ssa.recordUpdate(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {k0: "0"}
                """), "m0", null, T0);
        for (int i = 1; i <= 11; i++) {
            ObjectNode next = object.deepCopy();
            ((ObjectNode) next.get("data")).put("k" + i, "" + i);
            object = ssa.recordUpdate(object, next, "m" + i, null, T0.plusSeconds(i));
        }

        JsonNode mf = managedFields(object);
        assertThat(mf).hasSize(10);
        JsonNode ancient = entry(object, "ancient-changes", "Update");
        assertThat(ancient).isNotNull();
        assertThat(ancient.get("fieldsV1")).isEqualTo(json("""
                {"f:data":{".":{},"f:k0":{},"f:k1":{},"f:k2":{}}}"""));
        assertThat(ancient.get("time").asString()).isEqualTo("2026-01-01T00:00:02Z");
    }

    @Test
    void applyThroughTheStatusSubresourceOwnsStatusAndPrintsTheSubresource() {
        ObjectNode created = ssa.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0).object();
        ObjectNode status = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec: {replicas: 99}
                status:
                  conditions: [{type: Available, status: "True"}]
                """);

        ObjectNode withStatus = ssa.apply(created, status, "kcm", "status", false, T1).object();

        assertThat(withStatus.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(withStatus.at("/status/conditions/0/status").asString()).isEqualTo("True");
        JsonNode kcm = entry(withStatus, "kcm", "Apply");
        assertThat(kcm.path("subresource").asString()).isEqualTo("status");
        assertThat(kcm.get("fieldsV1")).isEqualTo(json("""
                {"f:status":{"f:conditions":{"k:{\\"type\\":\\"Available\\"}":{".":{},"f:status":{},"f:type":{}}}}}
                """));

        ObjectNode other = status.deepCopy();
        ((ObjectNode) other.at("/status/conditions/0")).put("status", "False");
        assertThatThrownBy(() -> ssa.apply(withStatus, other, "other", "status", false, T2))
                .hasMessage("Apply failed with 1 conflict: conflict with \"kcm\" with subresource \"status\": "
                        + ".status.conditions[type=\"Available\"].status");
    }
}
