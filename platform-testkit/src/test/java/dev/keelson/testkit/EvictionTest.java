package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Draining a node goes through the Eviction API, which PodDisruptionBudgets guard. */
@SimulatedClusterTest
class EvictionTest {

  static PodDisruptionBudget pdb(String name, String maxUnavailable) {
    return new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withMaxUnavailable(new IntOrString(Integer.parseInt(maxUnavailable)))
        .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build();
  }

  static List<Pod> pods(KubernetesClient client) {
    return client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
  }

  @Test
  void evictionIsRefusedWith429WhenTheBudgetAllowsNoDisruption(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(DeploymentScenarioTest.web(2, "web:1")).create();
    client.resource(pdb("web", "0")).create();
    cluster.awaitIdle();
    PodDisruptionBudget status = client.policy().v1().podDisruptionBudget().inNamespace("default").withName("web")
        .get();
    assertThat(status.getStatus().getDisruptionsAllowed()).isZero();
    assertThat(status.getStatus().getCurrentHealthy()).isEqualTo(2);
    assertThat(status.getStatus().getDesiredHealthy()).isEqualTo(2);
    Pod victim = pods(client).get(0);
    assertThat(client.pods().inNamespace("default").withName(victim.getMetadata().getName()).evict()).isFalse();
    assertThat(cluster.requests().matching(c -> c.subresource().equals("eviction"))).extracting(ApiCall::status)
        .containsExactly(429);
    assertThat(client.pods().inNamespace("default").withName(victim.getMetadata().getName()).get()).isNotNull();
  }

  @Test
  void evictionChargesTheBudgetAndDeletesThePod(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(DeploymentScenarioTest.web(3, "web:1")).create();
    client.resource(pdb("web", "1")).create();
    cluster.awaitIdle();
    Pod victim = pods(client).get(0);
    assertThat(client.pods().inNamespace("default").withName(victim.getMetadata().getName()).evict()).isTrue();
    PodDisruptionBudget charged = client.policy().v1().podDisruptionBudget().inNamespace("default").withName("web")
        .get();
    assertThat(charged.getStatus().getDisruptionsAllowed()).isZero();
    assertThat(charged.getStatus().getDisruptedPods()).containsKey(victim.getMetadata().getName());
    Pod second = pods(client).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
        && !p.getMetadata().getName().equals(victim.getMetadata().getName())).findFirst().orElseThrow();
    assertThat(client.pods().inNamespace("default").withName(second.getMetadata().getName()).evict()).isFalse();
  }

  @Test
  void aPodUnderTwoBudgetsCannotBeEvicted(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(DeploymentScenarioTest.web(2, "web:1")).create();
    client.resource(pdb("a", "1")).create();
    client.resource(pdb("b", "1")).create();
    cluster.awaitIdle();
    Pod victim = pods(client).get(0);
    assertThatThrownBy(() -> client.pods().inNamespace("default").withName(victim.getMetadata().getName()).evict())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(500);
          assertThat(e.getMessage()).contains("more than one PodDisruptionBudget");
        });
  }
}
