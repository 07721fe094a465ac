package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class GarbageCollectionTest {

  static ConfigMap owner(KubernetesClient client) {
    return client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("owner").endMetadata().build()).create();
  }

  static void dependent(KubernetesClient client, ConfigMap owner, String name) {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
            .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
            .withBlockOwnerDeletion(true).withController(true).build())
        .endMetadata().build()).create();
  }

  static boolean exists(KubernetesClient client, String name) {
    return client.configMaps().inNamespace("default").withName(name).get() != null;
  }

  @Test
  void backgroundDeletionRemovesDependents(KubernetesClient client, SimulatedCluster cluster) {
    ConfigMap owner = owner(client);
    dependent(client, owner, "a");
    dependent(client, owner, "b");
    client.configMaps().inNamespace("default").withName("owner").delete();
    assertThat(exists(client, "owner")).isFalse();
    cluster.awaitIdle();
    assertThat(exists(client, "a")).isFalse();
    assertThat(exists(client, "b")).isFalse();
  }

  @Test
  void foregroundDeletionKeepsTheOwnerUntilDependentsAreGone(KubernetesClient client, SimulatedCluster cluster) {
    ConfigMap owner = owner(client);
    dependent(client, owner, "a");
    client.configMaps().inNamespace("default").withName("owner")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    ConfigMap marked = client.configMaps().inNamespace("default").withName("owner").get();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(marked.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
    cluster.awaitIdle();
    assertThat(exists(client, "a")).isFalse();
    assertThat(exists(client, "owner")).isFalse();
  }

  @Test
  void orphanDeletionLeavesDependentsWithoutTheOwnerReference(KubernetesClient client, SimulatedCluster cluster) {
    ConfigMap owner = owner(client);
    dependent(client, owner, "a");
    client.configMaps().inNamespace("default").withName("owner")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    cluster.awaitIdle();
    assertThat(exists(client, "owner")).isFalse();
    assertThat(client.configMaps().inNamespace("default").withName("a").get().getMetadata().getOwnerReferences())
        .isEmpty();
  }

  @Test
  void deletingANamespaceDeletesItsContents(KubernetesClient client, SimulatedCluster cluster) {
    client.namespaces().resource(ApiServerTest.namespace("shop")).create();
    client.configMaps().inNamespace("shop").resource(ApiServerTest.configMap("cfg", java.util.Map.of())).create();
    client.namespaces().withName("shop").delete();
    assertThat(client.namespaces().withName("shop").get().getStatus().getPhase()).isEqualTo("Terminating");
    assertThat(cluster.requests().all()).isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.configMaps().inNamespace("shop")
        .resource(ApiServerTest.configMap("late", java.util.Map.of())).create())
        .hasMessageContaining("unable to create new content in namespace shop because it is being terminated");
    cluster.awaitIdle();
    assertThat(cluster).hasNoNamespace("shop");
    assertThat(client.configMaps().inNamespace("shop").list().getItems()).isEmpty();
  }
}
