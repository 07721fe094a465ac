package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deployments on the simulated cluster behave as Kubernetes' controllers make them behave. */
@SimulatedClusterTest
class DeploymentScenarioTest {

  static Deployment web(int replicas, String image) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%")).endRollingUpdate()
        .endStrategy()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image)
        .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
        .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endResources()
        .endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  static List<Pod> livePods(KubernetesClient client) {
    return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  @Test
  void aDeploymentRollsOutToAvailable(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(web(3, "web:1")).create();
    cluster.awaitIdle();
    assertThat(cluster).deployment("default", "web").isRolledOut().hasReadyReplicas(3)
        .hasCondition("Available", "True", "MinimumReplicasAvailable");
    assertThat(cluster).pods("default").withLabel("app", "web").haveCount(3).areRunning();
  }

  @Test
  void aRollingUpdateStaysWithinMaxSurgeAndMaxUnavailable(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(web(10, "web:1")).create();
    cluster.awaitIdle();
    assertThat(cluster).deployment("default", "web").isRolledOut();
    cluster.script().forImage("web:2").slowStart(Duration.ofSeconds(10));
    client.apps().deployments().inNamespace("default").withName("web")
        .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editContainer(0)
            .withImage("web:2").endContainer().endSpec().endTemplate().endSpec().build());
    int maxPods = 0;
    int minAvailable = Integer.MAX_VALUE;
    for (int second = 0; second < 300; second++) {
      cluster.advance(Duration.ofSeconds(1));
      maxPods = Math.max(maxPods, livePods(client).size());
      Deployment d = client.apps().deployments().inNamespace("default").withName("web").get();
      int available = d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas();
      minAvailable = Math.min(minAvailable, available);
      Integer updated = d.getStatus().getUpdatedReplicas();
      if (updated != null && updated == 10 && available == 10 && d.getStatus().getReplicas() == 10) {
        break;
      }
    }
    assertThat(maxPods).as("pods at most replicas + ceil(25% of 10)").isLessThanOrEqualTo(13).isGreaterThan(10);
    assertThat(minAvailable).as("available at least replicas - floor(25% of 10)").isGreaterThanOrEqualTo(8);
    assertThat(cluster).deployment("default", "web").isRolledOut();
    assertThat(livePods(client)).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
        .isEqualTo("web:2"));
  }

  @Test
  void aCrashLoopingImageLeavesTheRolloutStuckUntilTheProgressDeadline(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(web(10, "web:1")).create();
    cluster.awaitIdle();
    cluster.script().forImage("web:2").crashLoop();
    client.apps().deployments().inNamespace("default").withName("web")
        .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editContainer(0)
            .withImage("web:2").endContainer().endSpec().endTemplate().endSpec().build());
    cluster.advance(Duration.ofMinutes(5));
    Deployment stuck = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(stuck.getStatus().getAvailableReplicas()).isGreaterThanOrEqualTo(8);
    assertThat(stuck).hasCondition("Progressing", "True", "ReplicaSetUpdated");
    cluster.advance(Duration.ofMinutes(6));
    Deployment timedOut = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(timedOut).hasCondition("Progressing", "False", "ProgressDeadlineExceeded");
    assertThat(timedOut.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Progressing"))
        .singleElement().satisfies(c -> assertThat(c.getMessage()).matches("ReplicaSet \"web-[a-z0-9]+\" has timed "
            + "out progressing."));
    assertThat(client.pods().inNamespace("default").withLabel("app", "web").list().getItems())
        .filteredOn(p -> p.getSpec().getContainers().get(0).getImage().equals("web:2"))
        .allSatisfy(p -> assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount())
            .isGreaterThan(0));
  }

  @Test
  void deletingADeploymentRemovesItsReplicaSetsAndPods(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(web(3, "web:1")).create();
    cluster.awaitIdle();
    assertThat(client.apps().replicaSets().inNamespace("default").list().getItems()).hasSize(1);
    client.apps().deployments().inNamespace("default").withName("web").delete();
    cluster.advance(Duration.ofSeconds(60));
    assertThat(client.apps().replicaSets().inNamespace("default").list().getItems()).isEmpty();
    assertThat(client.pods().inNamespace("default").list().getItems()).isEmpty();
  }
}
