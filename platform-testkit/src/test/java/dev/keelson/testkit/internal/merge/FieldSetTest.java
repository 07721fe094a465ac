package dev.keelson.testkit.internal.merge;

import static dev.keelson.testkit.internal.merge.Trees.json;
import static dev.keelson.testkit.internal.merge.Trees.jsonObject;
import static dev.keelson.testkit.internal.merge.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class FieldSetTest {

    private static final Schema K8S = Schema.kubernetes();

    @Test
    void extractsLeavesItemsAndAtomicValuesLeavingOutServerFieldsAndStatus() {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  namespace: default
                  uid: "123"
                  resourceVersion: "7"
                  labels: {app: web}
                  finalizers: [example.com/x]
                spec:
                  nodeSelector: {disk: ssd}
                  tolerations: [{key: k, operator: Exists}]
                  containers:
                  - name: app
                    image: app:1
                    args: [--x]
                    resources: {}
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: s, key: k}}
                status: {phase: Running}
                """);

        FieldSet set = FieldSet.of(pod, K8S, "Pod");

        assertThat(set.toFieldsV1()).isEqualTo(json("""
                {"f:metadata":{"f:finalizers":{"v:\\"example.com/x\\"":{}},"f:labels":{"f:app":{}}},
                 "f:spec":{"f:containers":{"k:{\\"name\\":\\"app\\"}":{".":{},"f:args":{},
                   "f:env":{"k:{\\"name\\":\\"A\\"}":{".":{},"f:name":{},"f:valueFrom":{"f:secretKeyRef":{}}}},
                   "f:image":{},"f:name":{},"f:resources":{}}},
                   "f:nodeSelector":{},"f:tolerations":{}}}"""));
    }

    @Test
    void pathsPrintLikeKubernetesConflicts() {
        ObjectNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                      - name: nginx
                        image: nginx
                        ports: [{containerPort: 80}]
                """);

        List<String> paths = FieldSet.of(deployment, K8S).paths().stream().map(FieldPath::toString).toList();

        assertThat(paths).containsExactly(
                ".spec.replicas",
                ".spec.template.spec.containers[name=\"nginx\"]",
                ".spec.template.spec.containers[name=\"nginx\"].image",
                ".spec.template.spec.containers[name=\"nginx\"].name",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]"
                        + ".containerPort");
    }

    @Test
    void fieldsV1RoundTrips() {
        ObjectNode fieldsV1 = jsonObject("""
                {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                 "f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}},
                   "f:finalizers":{"v:\\"a\\"":{}},"f:list":{"i:3":{}}}}""");

        FieldSet set = FieldSet.fromFieldsV1(fieldsV1);

        assertThat(set.toFieldsV1()).isEqualTo(fieldsV1);
        assertThat(set.contains(FieldPath.of("metadata", "labels"))).isTrue();
        assertThat(set.contains(FieldPath.of("metadata", "labels", "app"))).isTrue();
        assertThat(set.contains(FieldPath.of("metadata"))).isFalse();
        assertThat(set.contains(FieldPath.of("spec", "ports").child(new PathElement.Key(
                Map.of("protocol", json("\"TCP\""), "port", json("80.0")))))).isTrue();
        assertThat(set.contains(FieldPath.of("spec", "list").child(new PathElement.Index(3)))).isTrue();
    }

    @Test
    void keysAreSortedByFieldNameAndElementsByKind() {
        FieldSet set = FieldSet.fromFieldsV1(jsonObject("""
                {"v:1":{},"k:{\\"b\\":1,\\"a\\":\\"x\\"}":{},"f:z":{},"i:0":{},"f:a":{}}"""));

        assertThat(set.toFieldsV1().toString()).isEqualTo(
                "{\"f:a\":{},\"f:z\":{},\"k:{\\\"a\\\":\\\"x\\\",\\\"b\\\":1}\":{},\"v:1\":{},\"i:0\":{}}");
        assertThat(set.paths().get(2).toString()).isEqualTo("[a=\"x\",b=1]");
        assertThat(set.paths().get(3).toString()).isEqualTo("[=1]");
    }

    @Test
    void setAlgebra() {
        FieldSet a = FieldSet.fromFieldsV1(jsonObject("{\"f:spec\":{\"f:a\":{},\"f:b\":{}}}"));
        FieldSet b = FieldSet.fromFieldsV1(jsonObject("{\"f:spec\":{\"f:b\":{},\"f:c\":{}},\"f:x\":{}}"));
        FieldSet spec = FieldSet.fromFieldsV1(jsonObject("{\"f:spec\":{}}"));

        assertThat(a.union(b).toFieldsV1())
                .isEqualTo(json("{\"f:spec\":{\"f:a\":{},\"f:b\":{},\"f:c\":{}},\"f:x\":{}}"));
        assertThat(a.intersection(b).toFieldsV1()).isEqualTo(json("{\"f:spec\":{\"f:b\":{}}}"));
        assertThat(a.difference(b).toFieldsV1()).isEqualTo(json("{\"f:spec\":{\"f:a\":{}}}"));
        assertThat(a.difference(spec)).isEqualTo(a);
        assertThat(a.recursiveDifference(spec).isEmpty()).isTrue();
    }

    @Test
    void setsReadLazilyFromCanonicalJsonBehaveLikeSetsReadAtOnce() {
        List<ObjectNode> samples = List.of(
                jsonObject("{}"),
                jsonObject("{\"f:spec\":{\"f:a\":{},\"f:b\":{}}}"),
                jsonObject("{\"f:spec\":{\".\":{},\"f:b\":{\"f:c\":{}},\"f:d\":{}},\"f:x\":{}}"),
                jsonObject("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{"
                        + "\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{"
                        + "\".\":{},\"f:port\":{}}},\"f:finalizers\":{\"v:\\\"a\\\"\":{}},"
                        + "\"f:list\":{\"i:3\":{}}}}"),
                jsonObject("{\"f:spec\":{\"f:b\":{\".\":{},\"f:c\":{}}},\"f:status\":{\"f:phase\":{}}}"));
        for (ObjectNode a : samples) {
            FieldSet eagerA = FieldSet.fromFieldsV1(a);
            assertThat(FieldSet.decode(a).toFieldsV1()).isEqualTo(a);
            assertThat(FieldSet.decode(a).paths()).isEqualTo(eagerA.paths());
            assertThat(FieldSet.decode(a).isEmpty()).isEqualTo(eagerA.isEmpty());
            assertThat(FieldSet.decode(a).withNamedFieldsAsMembers()).isEqualTo(eagerA.withNamedFieldsAsMembers());
            for (ObjectNode b : samples) {
                FieldSet eagerB = FieldSet.fromFieldsV1(b);
                String pair = a + " and " + b;
                assertThat(FieldSet.decode(a).union(FieldSet.decode(b)).toFieldsV1()).as(pair)
                        .isEqualTo(eagerA.union(eagerB).toFieldsV1());
                assertThat(FieldSet.decode(a).intersection(FieldSet.decode(b)).toFieldsV1()).as(pair)
                        .isEqualTo(eagerA.intersection(eagerB).toFieldsV1());
                assertThat(FieldSet.decode(a).difference(FieldSet.decode(b)).toFieldsV1()).as(pair)
                        .isEqualTo(eagerA.difference(eagerB).toFieldsV1());
                assertThat(FieldSet.decode(a).recursiveDifference(FieldSet.decode(b)).toFieldsV1()).as(pair)
                        .isEqualTo(eagerA.recursiveDifference(eagerB).toFieldsV1());
                assertThat(FieldSet.decode(a).equals(FieldSet.decode(b))).as(pair).isEqualTo(eagerA.equals(eagerB));
            }
        }
    }

    @Test
    void sharedEncodingsReuseTheJsonUnchangedPartsWereReadFrom() {
        ObjectNode stored = jsonObject("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},"
                + "\"f:spec\":{\"f:replicas\":{}}}");
        FieldSet decoded = FieldSet.decode(stored);
        FieldSet grown = decoded.union(FieldSet.fromFieldsV1(jsonObject("{\"f:spec\":{\"f:paused\":{}}}")));

        ObjectNode shared = grown.toSharedFieldsV1();

        assertThat(decoded.toSharedFieldsV1()).isSameAs(stored);
        assertThat(decoded.toFieldsV1()).isEqualTo(stored).isNotSameAs(stored);
        assertThat(shared).isEqualTo(grown.toFieldsV1()).isEqualTo(json("{\"f:metadata\":{\"f:labels\":{"
                + "\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:paused\":{},\"f:replicas\":{}}}"));
        assertThat(shared.get("f:metadata")).isSameAs(stored.get("f:metadata"));
        assertThat(grown.toFieldsV1().get("f:metadata")).isNotSameAs(stored.get("f:metadata"));
    }

    @Test
    void jsonNotInCanonicalFormIsReadAtOnceAndRewritten() {
        ObjectNode unsorted = jsonObject("{\"f:spec\":{\"f:b\":{},\"f:a\":{}}}");
        ObjectNode loneDot = jsonObject("{\"f:spec\":{\".\":{}}}");
        ObjectNode scalarLeaf = jsonObject("{\"f:spec\":{\"f:a\":\"x\"}}");

        assertThat(FieldSet.decode(unsorted).toFieldsV1()).isEqualTo(json("{\"f:spec\":{\"f:a\":{},\"f:b\":{}}}"));
        assertThat(FieldSet.decode(loneDot).toFieldsV1()).isEqualTo(json("{\"f:spec\":{}}"));
        assertThat(FieldSet.decode(scalarLeaf).toFieldsV1()).isEqualTo(json("{\"f:spec\":{\"f:a\":{}}}"));
        assertThatThrownBy(() -> FieldSet.decode(jsonObject("{\"f:spec\":{\"x:y\":{}}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedElementsAreRejected() {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(jsonObject("{\"x:y\":{}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(jsonObject("{\"k:[1]\":{}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
