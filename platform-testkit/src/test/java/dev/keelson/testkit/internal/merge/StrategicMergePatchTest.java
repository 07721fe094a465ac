package dev.keelson.testkit.internal.merge;

import static dev.keelson.testkit.internal.merge.Trees.json;
import static dev.keelson.testkit.internal.merge.Trees.jsonObject;
import static dev.keelson.testkit.internal.merge.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StrategicMergePatchTest {

    private final StrategicMergePatch smp = new StrategicMergePatch(Schema.kubernetes());

    private static ObjectNode deployment() {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: 2
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata:
                      labels: {app: web}
                      annotations: {team: shop}
                    spec:
                      tolerations: [{key: a, operator: Exists}]
                      containers:
                      - name: app
                        image: app:1
                        args: [--port, "8080"]
                        ports: [{containerPort: 8080, protocol: TCP}]
                        env: [{name: A, value: "1"}]
                      - name: sidecar
                        image: proxy:1
                """);
    }

    private static List<String> containerNames(ObjectNode deployment) {
        List<String> names = new ArrayList<>();
        deployment.at("/spec/template/spec/containers").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

    private ObjectNode patch(ObjectNode live, String patch) {
        return smp.apply(live, jsonObject(patch), "apps/v1", "Deployment");
    }

    @Test
    void rolloutRestartAddsTheAnnotationAndKeepsEverythingElse() {
        ObjectNode live = deployment();

        ObjectNode patched = patch(live, """
                {"spec":{"template":{"metadata":{"annotations":
                  {"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}""");

        ObjectNode expected = live.deepCopy();
        ((ObjectNode) expected.at("/spec/template/metadata/annotations"))
                .put("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
        assertThat(patched).isEqualTo(expected);
        assertThat(live).isEqualTo(deployment());
    }

    @Test
    void setImageChangesOneContainerAndKeepsTheOthers() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""");

        assertThat(patched.at("/spec/template/spec/containers")).isEqualTo(json("""
                [{"name":"app","image":"app:2","args":["--port","8080"],
                  "ports":[{"containerPort":8080,"protocol":"TCP"}],"env":[{"name":"A","value":"1"}]},
                 {"name":"sidecar","image":"proxy:1"}]"""));
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aNewContainerGoesFirstAsInApimachinery() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{"containers":[{"name":"debug","image":"busybox"}]}}}}""");

        // Without $setElementOrder, apimachinery puts patch-only items before the live ones.
        assertThat(containerNames(patched)).containsExactly("debug", "app", "sidecar");
    }

    @Test
    void patchDeleteRemovesAContainer() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""");

        assertThat(containerNames(patched)).containsExactly("app");
        assertThat(patched.toString()).doesNotContain("$patch");
    }

    @Test
    void atomicListsAreReplaced() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{"tolerations":[{"key":"b","operator":"Exists"}],
                  "containers":[{"name":"app","args":["--debug"]}]}}}}""");

        assertThat(patched.at("/spec/template/spec/tolerations")).isEqualTo(json("""
                [{"key":"b","operator":"Exists"}]"""));
        assertThat(patched.at("/spec/template/spec/containers/0/args")).isEqualTo(json("[\"--debug\"]"));
        assertThat(patched.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("app:1");
    }

    @Test
    void envAndPortsAreMergedByTheirMergeKeys() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{"containers":[{"name":"app",
                  "env":[{"name":"B","value":"2"},{"name":"A","value":"changed"}],
                  "ports":[{"containerPort":8080,"name":"http"},{"containerPort":9090}]}]}}}}""");

        assertThat(patched.at("/spec/template/spec/containers/0/env")).isEqualTo(json("""
                [{"name":"B","value":"2"},{"name":"A","value":"changed"}]"""));
        assertThat(patched.at("/spec/template/spec/containers/0/ports")).isEqualTo(json("""
                [{"containerPort":8080,"protocol":"TCP","name":"http"},{"containerPort":9090}]"""));
    }

    @Test
    void nullDeletesAKey() {
        ObjectNode patched = patch(deployment(), """
                {"metadata":{"labels":null},"spec":{"template":{"metadata":{"annotations":{"team":null}}}}}""");

        assertThat(patched.path("metadata").has("labels")).isFalse();
        assertThat(patched.at("/spec/template/metadata/annotations")).isEqualTo(json("{}"));
    }

    @Test
    void retainKeysClearsTheOtherStrategyFields() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        assertThat(patched.at("/spec/strategy")).isEqualTo(json("{\"type\":\"Recreate\"}"));
    }

    @Test
    void retainKeysRejectsPatchedKeysItDoesNotList() {
        assertThatThrownBy(() -> patch(deployment(), """
                {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{"maxSurge":1}}}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid patch format of retainKeys");
    }

    @Test
    void setElementOrderOrdersTheMergedListAndDisappears() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"spec":{
                  "$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
                  "containers":[{"name":"app","image":"app:3"}]}}}}""");

        assertThat(containerNames(patched))
                .containsExactly("sidecar", "app");
        assertThat(patched.at("/spec/template/spec/containers/1/image").asString()).isEqualTo("app:3");
        assertThat(patched.toString()).doesNotContain("$setElementOrder");
    }

    @Test
    void finalizersAreMergedAndDeletedAsPrimitives() {
        ObjectNode live = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, finalizers: [a, b]}
                """);

        ObjectNode added = smp.apply(live, jsonObject("{\"metadata\":{\"finalizers\":[\"c\",\"a\"]}}"), "v1",
                "ConfigMap");
        ObjectNode removed = smp.apply(added,
                jsonObject("{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"]}}"), "v1", "ConfigMap");

        // apimachinery's order: patch items in patch order, interleaved with server-only items by live order.
        assertThat(added.at("/metadata/finalizers")).isEqualTo(json("[\"c\",\"a\",\"b\"]"));
        assertThat(removed.at("/metadata/finalizers")).isEqualTo(json("[\"c\",\"b\"]"));
        assertThat(removed.toString()).doesNotContain("$deleteFromPrimitiveList");
    }

    @Test
    void patchReplaceReplacesAMapOrAList() {
        ObjectNode patched = patch(deployment(), """
                {"spec":{"template":{"metadata":{"labels":{"$patch":"replace","tier":"web"}},
                  "spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}}}""");

        assertThat(patched.at("/spec/template/metadata/labels")).isEqualTo(json("{\"tier\":\"web\"}"));
        assertThat(patched.at("/spec/template/spec/containers")).isEqualTo(json("""
                [{"name":"only","image":"x"}]"""));
    }

    @Test
    void aMissingMergeKeyIsRejected() {
        assertThatThrownBy(() -> patch(deployment(), """
                {"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not contain declared merge key: name");
    }

    @Test
    void unknownKindsMergeMapsAndReplaceLists() {
        ObjectNode live = yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {items: [{name: a}], size: 1, nested: {x: 1}}
                """);

        ObjectNode patched = smp.apply(live, jsonObject("""
                {"spec":{"items":[{"name":"b"}],"nested":{"y":2}}}"""), "example.com/v1", "Widget");

        assertThat(patched.get("spec")).isEqualTo(json("""
                {"items":[{"name":"b"}],"size":1,"nested":{"x":1,"y":2}}"""));
    }

    @Test
    void serviceSelectorIsMergedLikeAnyMap() {
        ObjectNode live = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, protocol: TCP, targetPort: 8080}]
                """);

        ObjectNode patched = smp.apply(live, jsonObject("""
                {"spec":{"selector":{"tier":"fe"},"ports":[{"port":80,"targetPort":9090}]}}"""), "v1", "Service");

        assertThat(patched.at("/spec/selector")).isEqualTo(json("{\"app\":\"web\",\"tier\":\"fe\"}"));
        assertThat(patched.at("/spec/ports")).isEqualTo(json("""
                [{"port":80,"protocol":"TCP","targetPort":9090}]"""));
    }
}
