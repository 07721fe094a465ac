package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripting node health through the public API, and what the cluster does about it. */
@SimulatedClusterTest
class NodesTest {

  static NodeCondition ready(Node node) {
    return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .orElseThrow();
  }

  static List<Pod> podsOn(KubernetesClient client, String node) {
    return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
        .filter(p -> node.equals(p.getSpec().getNodeName())).toList();
  }

  @Test
  void aNodeWhoseKubeletStopsPostingTurnsUnknownAndItsPodsMoveAfterTheirToleration(KubernetesClient client,
      SimulatedCluster cluster) {
    assertThat(cluster.nodes().names()).containsExactly("node-a", "node-b", "node-c");
    client.resource(DeploymentScenarioTest.web(6, "web:1")).create();
    cluster.awaitIdle();
    assertThat(podsOn(client, "node-a")).isNotEmpty();

    cluster.nodes().unknown("node-a");
    cluster.advance(Duration.ofSeconds(45));
    NodeCondition condition = ready(client.nodes().withName("node-a").get());
    assertThat(condition.getStatus()).isEqualTo("Unknown");
    assertThat(condition.getReason()).isEqualTo("NodeStatusUnknown");
    assertThat(condition.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(podsOn(client, "node-a")).allSatisfy(p -> assertThat(p.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("False");
        }));

    List<String> lost = podsOn(client, "node-a").stream().map(p -> p.getMetadata().getName()).toList();
    cluster.advance(Duration.ofMinutes(6));
    // Replaced elsewhere; the lost pods stay Terminating while their kubelet is gone, as in a real cluster.
    assertThat(podsOn(client, "node-a")).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(lost);
    assertThat(podsOn(client, "node-a")).allSatisfy(p -> assertThat(p.getMetadata().getDeletionTimestamp())
        .isNotNull());
    assertThat(cluster).deployment("default", "web").isRolledOut().hasReadyReplicas(6);
    assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getStatus()
        .getTerminatingReplicas()).isEqualTo(lost.size());
  }

  @Test
  void cordonedNodesGetNoNewPodsAndAddedNodesDo(KubernetesClient client, SimulatedCluster cluster) {
    cluster.nodes().cordon("node-a").cordon("node-b").cordon("node-c").add("node-d", "4", "16Gi", "zone-a");
    client.resource(DeploymentScenarioTest.web(3, "web:1")).create();
    cluster.awaitIdle();
    assertThat(client.pods().inNamespace("default").withLabel("app", "web").list().getItems())
        .hasSize(3).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("node-d"));
  }

  @Test
  void aClusterCanStartWithOtherNodes() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(5, "2", "4Gi").seed(7).start()) {
      assertThat(cluster.nodes().names()).hasSize(5);
      Node node = cluster.client().nodes().withName("node-e").get();
      assertThat(node.getStatus().getAllocatable().get("cpu").toString()).isEqualTo("2");
      assertThat(node.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", "zone-b");
    }
  }
}
