package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class StatefulAndDaemonSetTest {

  @Test
  void aStatefulSetGetsOrdinalPodsAndAClaimEach(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(3).withServiceName("db")
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("postgres:17").endContainer().endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
        .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi"))
        .endResources().endSpec().endVolumeClaimTemplate()
        .endSpec().build()).create();
    cluster.advance(Duration.ofSeconds(30));
    assertThat(client.pods().inNamespace("default").withLabel("app", "db").list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("db-0", "db-1", "db-2");
    assertThat(client.persistentVolumeClaims().inNamespace("default").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2");
    assertThat(client.apps().statefulSets().inNamespace("default").withName("db").get().getStatus()
        .getReadyReplicas()).isEqualTo(3);
  }

  @Test
  void aDaemonSetRunsOnePodOnEveryNode(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withNewSpec().addNewContainer().withName("agent").withImage("agent:1").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    cluster.awaitIdle();
    assertThat(client.pods().inNamespace("default").withLabel("app", "agent").list().getItems())
        .extracting(Pod::getSpec).extracting(s -> s.getNodeName())
        .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
    cluster.nodes().add("node-d", "4", "16Gi", "zone-a");
    cluster.awaitIdle();
    assertThat(client.pods().inNamespace("default").withLabel("app", "agent").list().getItems()).hasSize(4);
  }
}
