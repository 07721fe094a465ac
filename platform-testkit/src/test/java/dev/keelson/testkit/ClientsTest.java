package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientsTest {

  @Test
  void clientsOfEveryClusterShareOneSerializationAndStillTalkToTheirOwnCluster() {
    try (SimulatedCluster first = SimulatedCluster.start(); SimulatedCluster second = SimulatedCluster.start();
        KubernetesClient retrying = second.newClient(c -> c.withRequestRetryBackoffLimit(3))) {
      first.client().resource(ApiServerTest.configMap("only-in-first", Map.of())).inNamespace("default").create();

      assertThat(second.client().getKubernetesSerialization()).isSameAs(first.client().getKubernetesSerialization())
          .isSameAs(retrying.getKubernetesSerialization());
      assertThat(retrying.configMaps().inNamespace("default").withName("only-in-first").get()).isNull();
      ConfigMap read = first.client().configMaps().inNamespace("default").withName("only-in-first").get();
      assertThat(read.getData()).containsEntry("k", "v");
    }
  }
}
