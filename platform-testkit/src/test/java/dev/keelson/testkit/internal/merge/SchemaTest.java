package dev.keelson.testkit.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.merge.ListSemantics.ApplyType;
import dev.keelson.testkit.internal.merge.ListSemantics.PatchStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaTest {

    private final Schema schema = Schema.kubernetes();

    @ParameterizedTest
    @CsvSource({
        "v1, Pod, spec",
        "v1, PodTemplate, template.spec",
        "apps/v1, Deployment, spec.template.spec",
        "apps/v1, ReplicaSet, spec.template.spec",
        "apps/v1, StatefulSet, spec.template.spec",
        "apps/v1, DaemonSet, spec.template.spec",
        "batch/v1, Job, spec.template.spec",
        "batch/v1, CronJob, spec.jobTemplate.spec.template.spec",
        "v1, ReplicationController, spec.template.spec",
    })
    void podSpecsEverywhereKeyContainersByName(String apiVersion, String kind, String podSpec) {
        ListSemantics containers = schema.listSemantics(apiVersion, kind, podSpec + ".containers");
        assertThat(containers.applyType()).isEqualTo(ApplyType.MAP);
        assertThat(containers.keys()).containsExactly("name");
        assertThat(containers.patchMergeKey()).isEqualTo("name");

        ListSemantics ports = schema.listSemantics(apiVersion, kind, podSpec + ".containers.ports");
        assertThat(ports.keys()).containsExactly("containerPort", "protocol");
        assertThat(ports.keyDefaults().get("protocol").asString()).isEqualTo("TCP");
        assertThat(ports.patchMergeKey()).isEqualTo("containerPort");

        assertThat(schema.listSemantics(apiVersion, kind, podSpec + ".initContainers.env").keys())
                .containsExactly("name");
        assertThat(schema.listSemantics(apiVersion, kind, podSpec + ".containers.volumeMounts").keys())
                .containsExactly("mountPath");
        assertThat(schema.listSemantics(apiVersion, kind, podSpec + ".containers.args").applyType())
                .isEqualTo(ApplyType.ATOMIC);
        assertThat(schema.listSemantics(apiVersion, kind, podSpec + ".tolerations"))
                .isEqualTo(ListSemantics.DEFAULT);
        ListSemantics volumes = schema.listSemantics(apiVersion, kind, podSpec + ".volumes");
        assertThat(volumes.retainKeys()).isTrue();
        assertThat(volumes.keys()).containsExactly("name");
        assertThat(schema.listSemantics(apiVersion, kind, podSpec + ".topologySpreadConstraints").keys())
                .containsExactly("topologyKey", "whenUnsatisfiable");
        assertThat(schema.isAtomicMap(apiVersion, kind, podSpec + ".nodeSelector")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "v1, Pod", "v1, Node", "v1, Namespace", "v1, Service", "v1, PersistentVolumeClaim",
        "v1, ReplicationController", "apps/v1, Deployment", "apps/v1, ReplicaSet", "apps/v1, StatefulSet",
        "apps/v1, DaemonSet", "policy/v1, PodDisruptionBudget", "autoscaling/v2, HorizontalPodAutoscaler",
    })
    void statusConditionsAreKeyedByType(String apiVersion, String kind) {
        ListSemantics conditions = schema.listSemantics(apiVersion, kind, "status.conditions");
        assertThat(conditions.applyType()).isEqualTo(ApplyType.MAP);
        assertThat(conditions.keys()).containsExactly("type");
        assertThat(conditions.patchMergeKey()).isEqualTo("type");
    }

    @Test
    void jobConditionsAreAtomicForApplyButMergedByPatch() {
        ListSemantics conditions = schema.listSemantics("batch/v1", "Job", "status.conditions");
        assertThat(conditions.applyType()).isEqualTo(ApplyType.ATOMIC);
        assertThat(conditions.patchMergesByKey()).isTrue();
    }

    @Test
    void otherKinds() {
        assertThat(schema.listSemantics("v1", "Service", "spec.ports").keys()).containsExactly("port", "protocol");
        assertThat(schema.listSemantics("v1", "Service", "spec.ports").patchMergeKey()).isEqualTo("port");
        assertThat(schema.isAtomicMap("v1", "Service", "spec.selector")).isTrue();
        assertThat(schema.listSemantics("v1", "Node", "spec.podCIDRs").applyType()).isEqualTo(ApplyType.SET);
        assertThat(schema.listSemantics("v1", "Node", "spec.podCIDRs").patchMergesPrimitives()).isTrue();
        assertThat(schema.listSemantics("v1", "Node", "spec.taints").applyType()).isEqualTo(ApplyType.ATOMIC);
        assertThat(schema.listSemantics("v1", "Node", "status.addresses").keys()).containsExactly("type");
        assertThat(schema.listSemantics("v1", "ConfigMap", "metadata.finalizers").applyType())
                .isEqualTo(ApplyType.SET);
        assertThat(schema.listSemantics("v1", "Secret", "metadata.ownerReferences").keys()).containsExactly("uid");
        assertThat(schema.isAtomicMap("apps/v1", "Deployment", "spec.selector")).isTrue();
        assertThat(schema.isAtomicMap("apps/v1", "Deployment", "spec.template.metadata.labels")).isFalse();
        for (String path : List.of("spec.ingress", "spec.egress", "spec.policyTypes")) {
            assertThat(schema.listSemantics("networking.k8s.io/v1", "NetworkPolicy", path).applyType())
                    .isEqualTo(ApplyType.ATOMIC);
        }
        assertThat(schema.listSemantics("networking.k8s.io/v1", "Ingress", "spec.rules").patchStrategy())
                .isEqualTo(PatchStrategy.REPLACE);
        assertThat(schema.listSemantics("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "subjects")
                .applyType()).isEqualTo(ApplyType.ATOMIC);
        assertThat(schema.listSemantics("autoscaling/v2", "HorizontalPodAutoscaler",
                "spec.behavior.scaleUp.policies").applyType()).isEqualTo(ApplyType.ATOMIC);
        assertThat(schema.listSemantics("v1", "ServiceAccount", "secrets").keys()).containsExactly("name");
        assertThat(schema.knows("v1", "Endpoints")).isTrue();
        assertThat(schema.knows("v1", "LimitRange")).isTrue();
        assertThat(schema.knows("v1", "ResourceQuota")).isTrue();
    }

    @Test
    void unknownKindsAndFieldsFallBackToKubernetesDefaults() {
        assertThat(schema.knows("example.com/v1", "Widget")).isFalse();
        assertThat(schema.knows("example.com/v1", "Deployment")).isFalse();
        assertThat(schema.listSemantics("example.com/v1", "Widget", "spec.items")).isEqualTo(ListSemantics.DEFAULT);
        assertThat(schema.isAtomicMap("example.com/v1", "Widget", "spec.config")).isFalse();
        assertThat(schema.listSemantics("apps/v1", "Deployment", "spec.unknown.list"))
                .isEqualTo(ListSemantics.DEFAULT);
    }

    @Test
    void customSchemasCanBeBuilt() {
        Schema custom = new SchemaBuilder()
                .type("Widget").field("spec", "WidgetSpec")
                .type("WidgetSpec").mapList("parts", null, "id", "id").set("tags", true)
                .root("example.com", "Widget", "Widget")
                .build();

        assertThat(custom.listSemantics("example.com/v1", "Widget", "spec.parts").keys()).containsExactly("id");
        assertThat(custom.listSemantics("example.com/v1", "Widget", "spec.tags").applyType())
                .isEqualTo(ApplyType.SET);
        assertThat(Schema.defaults().knows("apps/v1", "Deployment")).isFalse();
    }
}
