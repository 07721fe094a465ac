package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller keeps each selector Service's slices in line with the pods it selects, as
 * kube-controller-manager does: the addresses a Service routes to, with the conditions kube-proxy reads.
 */
@SimulatedClusterTest
class EndpointSliceTest {

  static Deployment deployment(String name, int replicas, String version) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").addToMatchLabels("version", version).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").addToLabels("version", version).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("shop/web:" + version)
        .addNewPort().withName("http").withContainerPort(8080).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  static Service service(Map<String, String> selector, IntOrString targetPort) {
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default")
        .addToLabels("team", "shop").endMetadata()
        .withNewSpec().withSelector(selector).addNewPort().withName("http").withPort(80).withTargetPort(targetPort)
        .endPort().endSpec().build();
  }

  static List<EndpointSlice> slices(KubernetesClient client, String service) {
    return client.discovery().v1().endpointSlices().inNamespace("default")
        .withLabel("kubernetes.io/service-name", service).list().getItems();
  }

  static List<Endpoint> endpoints(KubernetesClient client, String service) {
    return slices(client, service).stream().flatMap(s -> s.getEndpoints().stream()).toList();
  }

  static List<Pod> pods(KubernetesClient client, String version) {
    return client.pods().inNamespace("default").withLabel("version", version).list().getItems();
  }

  @Test
  void aDeploymentBehindAServiceIsOneSliceOfReadyEndpoints(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(deployment("web-blue", 3, "blue")).create();
    Service svc = client.resource(service(Map.of("app", "web"), new IntOrString(8080))).create();
    cluster.awaitIdle();

    List<EndpointSlice> slices = slices(client, "web");
    assertThat(slices).hasSize(1);
    EndpointSlice slice = slices.get(0);
    assertThat(slice.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(slice.getMetadata().getGenerateName()).isEqualTo("web-");
    assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
        .containsEntry("team", "shop");
    assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Service");
      assertThat(o.getUid()).isEqualTo(svc.getMetadata().getUid());
      assertThat(o.getController()).isTrue();
    });
    assertThat(slice.getAddressType()).isEqualTo("IPv4");
    assertThat(slice.getPorts()).extracting("name", "port", "protocol").containsExactly(tuple("http", 8080, "TCP"));

    List<Pod> pods = pods(client, "blue");
    assertThat(slice.getEndpoints()).hasSize(3).allSatisfy(e -> {
      assertThat(e.getConditions().getReady()).isTrue();
      assertThat(e.getConditions().getServing()).isTrue();
      assertThat(e.getConditions().getTerminating()).isFalse();
      assertThat(e.getZone()).startsWith("zone-");
    });
    assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().get(0), e -> e.getTargetRef().getName(),
        e -> e.getTargetRef().getUid(), Endpoint::getNodeName)
        .containsExactlyInAnyOrderElementsOf(pods.stream().map(p -> tuple(p.getStatus().getPodIP(),
            p.getMetadata().getName(), p.getMetadata().getUid(), p.getSpec().getNodeName())).toList());
  }

  @Test
  void switchingTheSelectorFromBlueToGreenMovesTheEndpoints(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(deployment("web-blue", 2, "blue")).create();
    client.resource(deployment("web-green", 2, "green")).create();
    client.resource(service(Map.of("app", "web", "version", "blue"), new IntOrString(8080))).create();
    cluster.awaitIdle();
    assertThat(endpoints(client, "web")).extracting(e -> e.getTargetRef().getName())
        .allMatch(n -> n.startsWith("web-blue-")).hasSize(2);
    assertThat(cluster).service("default", "web").routesOnlyToPodsLabelled("version", "blue");
    String sliceName = slices(client, "web").get(0).getMetadata().getName();

    client.services().inNamespace("default").withName("web").edit(s -> new ServiceBuilder(s).editSpec()
        .addToSelector("version", "green").endSpec().build());
    cluster.awaitIdle();

    assertThat(endpoints(client, "web")).extracting(e -> e.getAddresses().get(0))
        .containsExactlyInAnyOrderElementsOf(pods(client, "green").stream().map(p -> p.getStatus().getPodIP())
            .toList());
    assertThat(slices(client, "web")).singleElement().extracting(s -> s.getMetadata().getName())
        .as("the slice is updated in place").isEqualTo(sliceName);
    assertThat(cluster).service("default", "web").routesOnlyToPodsLabelled("version", "green");

    String blue = pods(client, "blue").get(0).getMetadata().getName();
    assertThatThrownBy(() -> assertThat(cluster).service("default", "web").routesTo(blue))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected Service default/web to route to [" + blue + "], but it routes to [web-green-");
  }

  @Test
  void aPodFailingReadinessIsNeitherReadyNorServing(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/sick:1").failReadiness();
    Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080))
        .endHttpGet().withPeriodSeconds(10).build();
    client.resource(new PodBuilder().withNewMetadata().withName("sick").withNamespace("default")
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("app")
        .withImage("shop/sick:1").withReadinessProbe(probe).endContainer().endSpec().build()).create();
    client.resource(service(Map.of("app", "web"), new IntOrString(8080))).create();
    cluster.advance(Duration.ofSeconds(30));

    assertThat(endpoints(client, "web")).singleElement().satisfies(e -> {
      assertThat(e.getConditions().getReady()).isFalse();
      assertThat(e.getConditions().getServing()).isFalse();
      assertThat(e.getConditions().getTerminating()).isFalse();
    });
    assertThat(cluster).service("default", "web").routesNowhere();
  }

  @Test
  void publishNotReadyAddressesMakesAnUnreadyPodReady(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/sick:1").failReadiness();
    Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080))
        .endHttpGet().withPeriodSeconds(10).build();
    client.resource(new PodBuilder().withNewMetadata().withName("sick").withNamespace("default")
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("app")
        .withImage("shop/sick:1").withReadinessProbe(probe).endContainer().endSpec().build()).create();
    Service svc = service(Map.of("app", "web"), new IntOrString(8080));
    svc.getSpec().setPublishNotReadyAddresses(true);
    client.resource(svc).create();
    cluster.advance(Duration.ofSeconds(30));

    assertThat(endpoints(client, "web")).singleElement().satisfies(e -> {
      assertThat(e.getConditions().getReady()).isTrue();
      assertThat(e.getConditions().getServing()).isTrue();
    });
  }

  @Test
  void aSliceHoldsAtMostOneHundredEndpoints(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(deployment("web-blue", 101, "blue")).create();
    client.resource(service(Map.of("app", "web"), new IntOrString(8080))).create();
    cluster.awaitIdle();

    assertThat(slices(client, "web")).extracting(s -> s.getEndpoints().size())
        .containsExactlyInAnyOrder(100, 1);
  }

  @Test
  void aDeletedPodIsTerminatingUntilItIsGone(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(new PodBuilder().withNewMetadata().withName("held").withNamespace("default")
        .addToLabels("app", "web").addToFinalizers("example.com/hold").endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage("shop/web:1").endContainer().endSpec().build()).create();
    client.resource(service(Map.of("app", "web"), new IntOrString(8080))).create();
    cluster.awaitIdle();
    assertThat(endpoints(client, "web")).singleElement().satisfies(e -> assertThat(e.getConditions().getReady())
        .isTrue());

    client.pods().inNamespace("default").withName("held").delete();
    cluster.awaitIdle();
    assertThat(endpoints(client, "web")).singleElement().satisfies(e -> {
      assertThat(e.getConditions().getTerminating()).isTrue();
      assertThat(e.getConditions().getReady()).isFalse();
    });

    client.pods().inNamespace("default").withName("held").edit(p -> new PodBuilder(p).editMetadata()
        .withFinalizers(List.of()).endMetadata().build());
    client.pods().inNamespace("default").withName("held").withGracePeriod(0).delete();
    cluster.awaitIdle();
    assertThat(client.pods().inNamespace("default").withName("held").get()).isNull();
    assertThat(slices(client, "web")).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isNullOrEmpty());
  }

  @Test
  void aNamedTargetPortIsEachPodsContainerPortOfThatName(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(deployment("web-blue", 2, "blue")).create();
    Deployment green = deployment("web-green", 1, "green");
    green.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(9090);
    client.resource(green).create();
    Deployment unnamed = deployment("web-old", 1, "old");
    unnamed.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setName("legacy");
    client.resource(unnamed).create();
    client.resource(service(Map.of("app", "web"), new IntOrString("http"))).create();
    cluster.awaitIdle();

    List<EndpointSlice> slices = slices(client, "web");
    assertThat(slices).hasSize(3);
    assertThat(slices).filteredOn(s -> s.getPorts().size() == 1 && s.getPorts().get(0).getPort() == 8080)
        .singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(2));
    assertThat(slices).filteredOn(s -> s.getPorts().size() == 1 && s.getPorts().get(0).getPort() == 9090)
        .singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(1));
    assertThat(slices).filteredOn(s -> s.getPorts().isEmpty()).as("a pod without the named port")
        .singleElement().satisfies(s -> assertThat(s.getEndpoints()).singleElement()
            .satisfies(e -> assertThat(e.getTargetRef().getName()).startsWith("web-old-")));
  }

  @Test
  void aServiceWithoutSelectorIsLeftAloneAndASelectedNothingHasAPlaceholder(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(new ServiceBuilder().withNewMetadata().withName("external").withNamespace("default")
        .endMetadata().withNewSpec().addNewPort().withPort(5432).endPort().endSpec().build()).create();
    client.resource(service(Map.of("app", "nobody"), new IntOrString(8080))).create();
    cluster.awaitIdle();

    assertThat(slices(client, "external")).isEmpty();
    assertThat(client.endpoints().inNamespace("default").withName("external").get()).isNull();
    assertThat(slices(client, "web")).singleElement().satisfies(s -> {
      assertThat(s.getEndpoints()).as("endpoints: null, as a real placeholder slice").isNullOrEmpty();
      assertThat(s.getPorts()).isNullOrEmpty();
    });
  }

  @Test
  void deletingTheServiceDeletesItsSlicesAndEndpoints(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(deployment("web-blue", 1, "blue")).create();
    client.resource(service(Map.of("app", "web"), new IntOrString(8080))).create();
    cluster.awaitIdle();
    assertThat(slices(client, "web")).hasSize(1);

    client.services().inNamespace("default").withName("web").delete();
    cluster.awaitIdle();
    assertThat(slices(client, "web")).isEmpty();
    assertThat(client.endpoints().inNamespace("default").withName("web").get()).isNull();
  }
}
