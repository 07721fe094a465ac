package dev.keelson.governance.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class SimulatedClusterPodSecurityTest {

  @Test
  void aRestrictedNamespaceRejectsANonCompliantPodWithUpstreamsMessageAndAdmitsACompliantOne() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().podSecurity(new GovernancePodSecurity()).start()) {
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
          .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
      Pod bad = new PodBuilder(Pods.bare()).editMetadata().withName("bad").endMetadata().build();
      assertThatThrownBy(() -> client.pods().inNamespace("shop").resource(bad).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).isEqualTo("pods \"bad\" is forbidden: violates PodSecurity "
                + "\"restricted:latest\": allowPrivilegeEscalation != false (container \"app\" must set "
                + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"app\" "
                + "must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container "
                + "\"app\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"app\" "
                + "must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
          });
      assertThat(client.pods().inNamespace("shop").resource(Pods.compliant()).create()).isNotNull();
    }
  }

  @Test
  void aPinnedVersionAppliesThatVersionsRules() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().podSecurity(new GovernancePodSecurity()).start()) {
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("legacy")
          .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
          .addToLabels("pod-security.kubernetes.io/enforce-version", "v1.28").endMetadata().build()).create();
      Pod keepalive = new PodBuilder(Pods.compliant()).editSpec().editSecurityContext()
          .addNewSysctl("net.ipv4.tcp_keepalive_time", "600").endSecurityContext().endSpec().build();
      assertThatThrownBy(() -> client.pods().inNamespace("legacy").resource(keepalive).create())
          .hasMessageContaining("violates PodSecurity \"baseline:v1.28\": forbidden sysctls "
              + "(net.ipv4.tcp_keepalive_time)");
    }
  }
}
