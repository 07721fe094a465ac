package dev.keelson.testkit.internal.merge;

import static dev.keelson.testkit.internal.merge.Trees.jsonObject;
import static dev.keelson.testkit.internal.merge.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.internal.merge.ServerSideApply.ApplyConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** How the pieces combine the way the API server uses them: a patch, then managedFields for the write. */
class ApplyAndPatchScenarioTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Schema schema = Schema.kubernetes();
    private final ServerSideApply ssa = new ServerSideApply(schema);
    private final StrategicMergePatch smp = new StrategicMergePatch(schema);

    private static ObjectNode config(String image) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: app, image: "%s"}
                      - {name: sidecar, image: "proxy:1"}
                """.formatted(image));
    }

    private ObjectNode patchAs(ObjectNode live, String patch, String manager, Instant now) {
        ObjectNode patched = smp.apply(live, jsonObject(patch), "apps/v1", "Deployment");
        return ssa.recordUpdate(live, patched, manager, null, now);
    }

    @Test
    void reapplyingAfterARolloutRestartKeepsTheRestartAnnotation() {
        ObjectNode live = ssa.apply(null, config("app:1"), "kubectl", false, T0).object();
        live = patchAs(live, """
                {"spec":{"template":{"metadata":{"annotations":
                  {"kubectl.kubernetes.io/restartedAt":"2026-03-01T10:01:00Z"}}}}}""", "kubectl-rollout",
                T0.plusSeconds(60));

        ServerSideApply.ApplyResult again = ssa.apply(live, config("app:1"), "kubectl", false, T0.plusSeconds(120));

        assertThat(again.changed()).isFalse();
        assertThat(again.object().at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt")
                .asString()).isEqualTo("2026-03-01T10:01:00Z");
    }

    @Test
    void reapplyingAnOldImageAfterSetImageConflictsWithTheImageSetter() {
        ObjectNode live = ssa.apply(null, config("app:1"), "kubectl", false, T0).object();
        live = patchAs(live, """
                {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""", "kubectl-set",
                T0.plusSeconds(60));
        ObjectNode afterSetImage = live;

        assertThatThrownBy(() -> ssa.apply(afterSetImage, config("app:1"), "kubectl", false, T0.plusSeconds(120)))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-set\" using apps/v1: "
                        + ".spec.template.spec.containers[name=\"app\"].image");
        // Applying the image that is already there is fine (kubectl then shares the field), and so is forcing.
        ObjectNode shared = ssa.apply(afterSetImage, config("app:2"), "kubectl", false, T0.plusSeconds(120)).object();
        assertThat(shared.get("spec")).isEqualTo(afterSetImage.get("spec"));
        ObjectNode forced = ssa.apply(afterSetImage, config("app:3"), "kubectl", true, T0.plusSeconds(180)).object();
        assertThat(forced.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("app:3");
        assertThat(forced.at("/spec/template/spec/containers/1/image").asString()).isEqualTo("proxy:1");
    }

    @Test
    void deletingAContainerByPatchTakesItOutOfTheAppliersSet() {
        ObjectNode live = ssa.apply(null, config("app:1"), "kubectl", false, T0).object();

        live = patchAs(live, """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""", "editor",
                T0.plusSeconds(60));

        assertThat(live.at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(live.path("metadata").path("managedFields").toString()).doesNotContain("sidecar");
        // The applier still applies it: it comes back without a conflict.
        ObjectNode back = ssa.apply(live, config("app:1"), "kubectl", false, T0.plusSeconds(120)).object();
        assertThat(back.at("/spec/template/spec/containers").size()).isEqualTo(2);
    }
}
