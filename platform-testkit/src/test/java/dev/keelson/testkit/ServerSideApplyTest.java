package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class ServerSideApplyTest {

  static Deployment web(int replicas, String image) {
    Deployment d = ApiServerTest.deployment("web", image);
    d.getMetadata().setNamespace("default");
    d.getSpec().setReplicas(replicas);
    return d;
  }

  @Test
  void applyCreatesTheObjectAndRecordsTheManagersFields(KubernetesClient client) {
    Deployment applied = client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    assertThat(applied.getMetadata().getUid()).isNotBlank();
    assertThat(applied.getSpec().getReplicas()).isEqualTo(2);
    assertThat(applied.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager,
        ManagedFieldsEntry::getOperation).containsExactly(org.assertj.core.groups.Tuple.tuple("keelson", "Apply"));
    String fields = String.valueOf(applied.getMetadata().getManagedFields().get(0).getFieldsV1()
        .getAdditionalProperties());
    assertThat(fields).contains("f:replicas").contains("k:{\"name\":\"app\"}");
  }

  @Test
  void applyingTheSameObjectTwiceWritesOnce(KubernetesClient client, SimulatedCluster cluster) {
    Deployment first = client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    long rv = cluster.resourceVersion();
    Deployment second = client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    assertThat(cluster.resourceVersion()).isEqualTo(rv);
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(second.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void aSecondManagerChangingAnOwnedFieldGetsAConflictNamingTheOwner(KubernetesClient client) {
    client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    Deployment scaled = web(5, "nginx:1.27");
    assertThatThrownBy(() -> client.resource(scaled).fieldManager("autoscaler").serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
          assertThat(e.getStatus().getMessage()).startsWith("Apply failed with")
              .contains("conflict with \"keelson\"").contains(".spec.replicas");
        });
    Deployment forced = client.resource(scaled).fieldManager("autoscaler").forceConflicts().serverSideApply();
    assertThat(forced.getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void reassertingTheSameValueSharesOwnershipWithoutConflict(KubernetesClient client) {
    client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    Deployment same = client.resource(web(2, "nginx:1.27")).fieldManager("other").serverSideApply();
    assertThat(same.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactlyInAnyOrder("keelson", "other");
  }

  @Test
  void fieldsAManagerStopsApplyingAreRemoved(KubernetesClient client) {
    Deployment labelled = new DeploymentBuilder(web(2, "nginx:1.27")).editMetadata().addToLabels("team", "shop")
        .endMetadata().build();
    client.resource(labelled).fieldManager("keelson").serverSideApply();
    Deployment without = client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    assertThat(without.getMetadata().getLabels()).doesNotContainKey("team");
  }

  @Test
  void strategicMergePatchRestartsAndChangesImagesWithoutLosingOtherFields(KubernetesClient client) {
    client.resource(web(2, "nginx:1.27")).fieldManager("keelson").serverSideApply();
    Deployment restarted = client.apps().deployments().inNamespace("default").withName("web").rolling().restart();
    assertThat(restarted.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(restarted.getSpec().getReplicas()).isEqualTo(2);
    Deployment updated = client.apps().deployments().inNamespace("default").withName("web")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}}}");
    assertThat(updated.getSpec().getTemplate().getSpec().getContainers()).singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.28"));
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(3L);
  }
}
