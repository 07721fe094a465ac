package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSecurityTest {

  static Pod pod(String name, boolean hostNetwork) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withHostNetwork(hostNetwork).addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
        .build();
  }

  @Test
  void theEnforceLabelRejectsPodsThePluggedCheckFindsViolating() {
    PodSecurityCheck noHostNetwork = (level, version, pod) -> Boolean.TRUE.equals(pod.getSpec().getHostNetwork())
        ? List.of("host namespaces (hostNetwork=true)") : List.of();
    try (SimulatedCluster cluster = SimulatedCluster.builder().podSecurity(noHostNetwork).start()) {
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
          .addToLabels("pod-security.kubernetes.io/enforce", "baseline").endMetadata().build()).create();
      assertThatThrownBy(() -> client.pods().inNamespace("shop").resource(pod("bad", true)).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).isEqualTo("pods \"bad\" is forbidden: violates PodSecurity "
                + "\"baseline:latest\": host namespaces (hostNetwork=true)");
          });
      assertThat(client.pods().inNamespace("shop").resource(pod("good", false)).create()).isNotNull();
      // Unlabelled namespaces are not checked.
      assertThat(client.pods().inNamespace("default").resource(pod("other", true)).create()).isNotNull();
    }
  }

  @Test
  void byDefaultEveryPodIsAccepted() {
    try (SimulatedCluster cluster = SimulatedCluster.start()) {
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("strict")
          .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
      assertThat(cluster.client().pods().inNamespace("strict").resource(pod("p", true)).create()).isNotNull();
    }
  }
}
