package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pods are deleted gracefully, as the pod registry and the kubelet do it: Terminating with a deletionTimestamp
 * at the end of the grace period until the kubelet has stopped the containers.
 */
@SimulatedClusterTest
class PodDeletionTest {

  static Pod pod(String name, String node) {
    Pod p = EventsTest.pod(name, "nginx:1.27").build();
    p.getSpec().setNodeName(node);
    return p;
  }

  static Pod get(KubernetesClient client, String name) {
    return client.pods().inNamespace("default").withName(name).get();
  }

  @Test
  void aRunningPodIsTerminatingUntilItsKubeletHasStoppedIt(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(pod("web", "node-a")).create();
    cluster.advance(Duration.ofSeconds(10));

    client.pods().inNamespace("default").withName("web").delete();
    Pod terminating = get(client, "web");
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isEqualTo("2026-01-01T00:00:40Z");
    assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);

    cluster.awaitIdle();
    assertThat(get(client, "web")).isNull();
    assertThat(cluster).events("default").about("Pod", "web").containMessage("Killing", "Stopping container app");
  }

  @Test
  void theGracePeriodIsThePodsOwnOrTheRequests(KubernetesClient client, SimulatedCluster cluster) {
    Pod quick = pod("quick", "node-a");
    quick.getSpec().setTerminationGracePeriodSeconds(5L);
    client.resource(quick).create();
    client.resource(pod("told", "node-a")).create();
    cluster.awaitIdle();

    client.pods().inNamespace("default").withName("quick").delete();
    client.pods().inNamespace("default").withName("told").withGracePeriod(90).delete();
    assertThat(get(client, "quick").getMetadata().getDeletionTimestamp()).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(get(client, "told").getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(90L);

    // A second delete may shorten the period, never lengthen it.
    client.pods().inNamespace("default").withName("told").withGracePeriod(120).delete();
    assertThat(get(client, "told").getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(90L);
    client.pods().inNamespace("default").withName("told").withGracePeriod(10).delete();
    assertThat(get(client, "told").getMetadata().getDeletionTimestamp()).isEqualTo("2026-01-01T00:00:10Z");
  }

  @Test
  void onALostNodeAPodStaysTerminatingUntilForcedOrTheNodeReturns(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(pod("stuck", "node-a")).create();
    client.resource(pod("forced", "node-a")).create();
    cluster.awaitIdle();
    cluster.nodes().unknown("node-a");
    cluster.advance(Duration.ofSeconds(45));

    client.pods().inNamespace("default").withName("stuck").delete();
    client.pods().inNamespace("default").withName("forced").withGracePeriod(0).delete();
    cluster.advance(Duration.ofMinutes(2));
    assertThat(get(client, "stuck").getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(get(client, "forced")).as("kubectl delete --force --grace-period=0").isNull();

    cluster.nodes().recover("node-a");
    cluster.awaitIdle();
    assertThat(get(client, "stuck")).isNull();
  }

  @Test
  void anObjectBeingDeletedGoesWithItsLastFinalizer(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("held").withNamespace("default")
        .addToFinalizers("example.com/cleanup").endMetadata().build()).create();
    client.configMaps().inNamespace("default").withName("held").delete();
    assertThat(client.configMaps().inNamespace("default").withName("held").get().getMetadata()
        .getDeletionTimestamp()).isNotNull();

    client.configMaps().inNamespace("default").withName("held")
        .edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers().endMetadata().build());
    assertThat(client.configMaps().inNamespace("default").withName("held").get()).isNull();
  }

  @Test
  void aPodWithAFinalizerOutlivesItsContainersUntilTheFinalizerGoes(KubernetesClient client,
      SimulatedCluster cluster) {
    Pod held = pod("held", "node-a");
    held.getMetadata().setFinalizers(List.of("example.com/cleanup"));
    client.resource(held).create();
    cluster.awaitIdle();

    client.pods().inNamespace("default").withName("held").delete();
    cluster.awaitIdle();
    Pod stopped = get(client, "held");
    assertThat(stopped.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(stopped.getMetadata().getDeletionGracePeriodSeconds()).as("the kubelet's delete with grace 0")
        .isZero();

    client.pods().inNamespace("default").withName("held")
        .edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
    assertThat(get(client, "held")).isNull();
  }

  @Test
  void podsThatNoKubeletRunsGoAtOnce(KubernetesClient client, SimulatedCluster cluster) {
    cluster.nodes().cordon("node-a").cordon("node-b").cordon("node-c");
    client.resource(EventsTest.pod("pending", "nginx:1.27").build()).create();
    cluster.script().forImage("batch:1").exitAfter(Duration.ofSeconds(1), 0);
    Pod done = EventsTest.pod("done", "batch:1").build();
    done.getSpec().setRestartPolicy("Never");
    done.getSpec().setNodeName("node-a");
    client.resource(done).create();
    cluster.advance(Duration.ofSeconds(5));
    assertThat(get(client, "done").getStatus().getPhase()).isEqualTo("Succeeded");

    client.pods().inNamespace("default").withName("pending").delete();
    client.pods().inNamespace("default").withName("done").delete();
    assertThat(get(client, "pending")).as("unscheduled").isNull();
    assertThat(get(client, "done")).as("finished").isNull();
  }
}
