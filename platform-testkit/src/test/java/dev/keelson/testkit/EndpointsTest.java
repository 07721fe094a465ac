package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Endpoints controller keeps the core/v1 Endpoints of each selector Service: Ready pods in {@code addresses},
 * the others in {@code notReadyAddresses}, terminating pods left out.
 */
@SimulatedClusterTest
class EndpointsTest {

  private static Endpoints endpoints(KubernetesClient client) {
    return client.endpoints().inNamespace("default").withName("web").get();
  }

  @Test
  void readyAndNotReadyPodsAreMirroredAndTerminatingOnesLeftOut(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/sick:1").failReadiness();
    Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080))
        .endHttpGet().withPeriodSeconds(10).build();
    client.resource(new PodBuilder().withNewMetadata().withName("sick").withNamespace("default")
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("app")
        .withImage("shop/sick:1").withReadinessProbe(probe).addNewPort().withName("http").withContainerPort(8080)
        .endPort().endContainer().endSpec().build()).create();
    client.resource(EndpointSliceTest.deployment("web-blue", 2, "blue")).create();
    client.resource(EndpointSliceTest.service(Map.of("app", "web"), new IntOrString("http"))).create();
    cluster.advance(Duration.ofSeconds(30));

    Endpoints endpoints = endpoints(client);
    assertThat(endpoints.getMetadata().getLabels()).containsEntry("team", "shop");
    assertThat(endpoints.getMetadata().getAnnotations())
        .containsKey("endpoints.kubernetes.io/last-change-trigger-time");
    // One subset per port set, as RepackSubsets leaves them: the ready and the not ready side by side.
    assertThat(endpoints.getSubsets()).hasSize(1);
    EndpointSubset served = endpoints.getSubsets().get(0);
    assertThat(served.getAddresses()).extracting(a -> a.getTargetRef().getName())
        .allMatch(n -> n.startsWith("web-blue-")).hasSize(2);
    assertThat(served.getPorts()).extracting("name", "port", "protocol").containsExactly(tuple("http", 8080, "TCP"));
    assertThat(served.getNotReadyAddresses()).extracting(a -> a.getTargetRef().getName()).containsExactly("sick");

    String leaving = served.getAddresses().get(0).getTargetRef().getName();
    client.pods().inNamespace("default").withName(leaving).edit(p -> new PodBuilder(p).editMetadata()
        .addToFinalizers("example.com/hold").endMetadata().build());
    client.pods().inNamespace("default").withName(leaving).delete();
    cluster.advance(Duration.ofSeconds(5));
    assertThat(endpoints(client).getMetadata().getAnnotations())
        .containsEntry("endpoints.kubernetes.io/last-change-trigger-time", "2026-01-01T00:00:30Z");
    assertThat(endpoints(client).getSubsets()).flatExtracting(EndpointSubset::getAddresses)
        .extracting(EndpointAddress::getTargetRef).extracting("name").doesNotContain(leaving);
  }
}
