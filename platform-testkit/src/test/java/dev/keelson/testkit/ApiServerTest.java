package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class ApiServerTest {

  static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  static ConfigMap configMap(String name, Map<String, String> labels) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .addToData("k", "v").build();
  }

  static Deployment deployment(String name, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  @Test
  void createGetAndServerAssignedMetadata(KubernetesClient client, SimulatedCluster cluster) {
    client.namespaces().resource(namespace("shop")).create();
    ConfigMap created = client.configMaps().inNamespace("shop").resource(configMap("cfg", Map.of())).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(created.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(client.configMaps().inNamespace("shop").withName("cfg").get().getData()).containsEntry("k", "v");
    assertThat(client.configMaps().inNamespace("shop").withName("missing").get()).isNull();
  }

  @Test
  void createInAMissingNamespaceOrTwiceFailsLikeKubernetes(KubernetesClient client) {
    assertThatThrownBy(() -> client.configMaps().inNamespace("nowhere").resource(configMap("cfg", Map.of()))
        .create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        });
    client.configMaps().inNamespace("default").resource(configMap("cfg", Map.of())).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(configMap("cfg", Map.of()))
        .create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
          assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"cfg\" already exists");
        });
  }

  @Test
  void staleUpdatesConflictAndNoOpUpdatesWriteNothing(KubernetesClient client) {
    ConfigMap v1 = client.configMaps().inNamespace("default").resource(configMap("cfg", Map.of())).create();
    ConfigMap v2 = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder(v1).addToData("k", "w")
        .build()).update();
    assertThat(Long.parseLong(v2.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(v1.getMetadata().getResourceVersion()));
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(new ConfigMapBuilder(v1)
        .addToData("k", "x").build()).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"cfg\": "
              + "the object has been modified; please apply your changes to the latest version and try again");
        });
    ConfigMap same = client.configMaps().inNamespace("default").resource(v2).update();
    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(v2.getMetadata().getResourceVersion());
  }

  @Test
  void generationMovesWithSpecChangesOnly(KubernetesClient client) {
    Deployment d = client.apps().deployments().inNamespace("default").resource(deployment("web", "nginx:1.27"))
        .create();
    assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment labelled = client.apps().deployments().inNamespace("default").withName("web")
        .edit(x -> new DeploymentBuilder(x).editMetadata().addToLabels("team", "shop").endMetadata().build());
    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment changed = client.apps().deployments().inNamespace("default").withName("web")
        .edit(x -> new DeploymentBuilder(x).editSpec().withReplicas(3).endSpec().build());
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(client.apps().deployments().inNamespace("default").withName("web").scale().getSpec().getReplicas())
        .isEqualTo(3);
  }

  @Test
  void statusIsOnlyWrittenThroughTheStatusSubresource(KubernetesClient client) {
    client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("p").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox:1.36").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
    Pod created = client.pods().inNamespace("default").withName("p").get();
    // The status sent with the create is dropped; the API server starts every pod as Pending.
    assertThat(created.getStatus().getPhase()).isNotEqualTo("Running");
    Pod withStatus = new PodBuilder(created).withNewStatus().withPhase("Running").endStatus().build();
    client.pods().inNamespace("default").resource(withStatus).updateStatus();
    assertThat(client.pods().inNamespace("default").withName("p").get().getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void setBasedLabelSelectorsAndFieldSelectors(KubernetesClient client) {
    for (var e : Map.of("a", "prod", "b", "staging", "c", "dev").entrySet()) {
      client.configMaps().inNamespace("default").resource(configMap(e.getKey(), Map.of("env", e.getValue())))
          .create();
    }
    client.configMaps().inNamespace("default").resource(configMap("plain", Map.of())).create();
    assertThat(names(client.configMaps().inNamespace("default").withLabelIn("env", "prod", "staging").list()
        .getItems())).containsExactly("a", "b");
    assertThat(names(client.configMaps().inNamespace("default").withLabelNotIn("env", "prod").list().getItems()))
        .contains("b", "c", "plain").doesNotContain("a");
    assertThat(names(client.configMaps().inNamespace("default").withoutLabel("env").list().getItems()))
        .contains("plain").doesNotContain("a", "b", "c");
    assertThat(names(client.configMaps().inNamespace("default").withField("metadata.name", "c").list().getItems()))
        .containsExactly("c");
  }

  @Test
  void generateNameGivesKubernetesStyleNames(KubernetesClient client) {
    ConfigMap c = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withGenerateName("web-").endMetadata().build()).create();
    assertThat(c.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  static java.util.List<String> names(java.util.List<? extends HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).sorted().toList();
  }
}
