package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Services get their cluster IP and node ports from the API server on create, as kube-apiserver's service registry
 * allocates them: from 10.96.0.0/12 and 30000-32767, requested values honoured, taken ones refused.
 */
@SimulatedClusterTest
class ServiceIpAllocationTest {

  static ServiceBuilder service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addToSelector("app", name).addNewPort().withPort(80).endPort().endSpec();
  }

  private static Service create(KubernetesClient client, Service service) {
    return client.resource(service).create();
  }

  @Test
  void eachServiceGetsItsOwnClusterIpInTheServiceRange(KubernetesClient client) {
    Set<String> ips = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Service svc = create(client, service("svc-" + i).build());
      String ip = svc.getSpec().getClusterIP();
      assertThat(ip).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+");
      assertThat(svc.getSpec().getClusterIPs()).containsExactly(ip);
      assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
      assertThat(svc.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
      ips.add(ip);
    }
    assertThat(ips).hasSize(20).doesNotContain("10.96.0.1");
  }

  @Test
  void theSameSeedAllocatesTheSameAddresses() {
    List<String> first;
    List<String> second;
    try (SimulatedCluster a = SimulatedCluster.builder().seed(7).start();
        SimulatedCluster b = SimulatedCluster.builder().seed(7).start()) {
      first = List.of(create(a.client(), service("x").build()).getSpec().getClusterIP(),
          create(a.client(), service("y").build()).getSpec().getClusterIP());
      second = List.of(create(b.client(), service("x").build()).getSpec().getClusterIP(),
          create(b.client(), service("y").build()).getSpec().getClusterIP());
    }
    assertThat(first).isEqualTo(second);
  }

  @Test
  void aRequestedClusterIpIsHonouredOnceAndItsAddressIsReleasedOnDelete(KubernetesClient client) {
    Service dns = create(client, service("dns").editSpec().withClusterIP("10.96.0.10").endSpec().build());
    assertThat(dns.getSpec().getClusterIPs()).containsExactly("10.96.0.10");

    assertThatThrownBy(() -> create(client, service("other").editSpec().withClusterIP("10.96.0.10").endSpec()
        .build())).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).isEqualTo("Service \"other\" is invalid: spec.clusterIPs: Invalid "
              + "value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: provided IP is already allocated");
        });

    client.services().inNamespace("default").withName("dns").delete();
    assertThat(create(client, service("other").editSpec().withClusterIP("10.96.0.10").endSpec().build())
        .getSpec().getClusterIP()).isEqualTo("10.96.0.10");
  }

  @Test
  void aClusterIpOutsideTheRangeIsRefused(KubernetesClient client) {
    assertThatThrownBy(() -> create(client, service("far").editSpec().withClusterIP("10.0.0.5").endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.5\"}: failed "
                + "to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid "
                + "IPs is 10.96.0.0/12"));
  }

  @Test
  void aHeadlessServiceKeepsNone(KubernetesClient client) {
    Service svc = create(client, service("db").editSpec().withClusterIP("None").endSpec().build());
    assertThat(svc.getSpec().getClusterIPs()).containsExactly("None");
    assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
  }

  @Test
  void theClusterIpMayNotChangeButAnUpdateWithoutItKeepsIt(KubernetesClient client) {
    String ip = create(client, service("web").build()).getSpec().getClusterIP();

    Service relabelled = client.services().inNamespace("default").withName("web").edit(s -> new ServiceBuilder(s)
        .editSpec().withClusterIP(null).withClusterIPs().addToSelector("version", "green").endSpec().build());
    assertThat(relabelled.getSpec().getClusterIP()).isEqualTo(ip);

    String other = ip.equals("10.96.0.20") ? "10.96.0.21" : "10.96.0.20";
    assertThatThrownBy(() -> client.services().inNamespace("default").withName("web").edit(s ->
        new ServiceBuilder(s).editSpec().withClusterIP(other).withClusterIPs(other).endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).isEqualTo("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid "
              + "value: []string{\"" + other + "\"}: may not change once set");
        });
  }

  @Test
  void nodePortServicesGetNodePortsAndARequestedOneIsTakenOnce(KubernetesClient client) {
    Service np = create(client, service("np").editSpec().withType("NodePort").addNewPort().withName("admin")
        .withPort(9090).endPort().endSpec().build());
    List<Integer> ports = np.getSpec().getPorts().stream().map(ServicePort::getNodePort).toList();
    assertThat(ports).allSatisfy(p -> assertThat(p).isBetween(30000, 32767)).doesNotHaveDuplicates();

    create(client, service("fixed").editSpec().withType("NodePort").editFirstPort().withNodePort(30080).endPort()
        .endSpec().build());
    assertThatThrownBy(() -> create(client, service("again").editSpec().withType("LoadBalancer").editFirstPort()
        .withNodePort(30080).endPort().endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("Service \"again\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port "
                + "is already allocated"));

    Service kept = client.services().inNamespace("default").withName("np").edit(s -> new ServiceBuilder(s)
        .editSpec().editFirstPort().withNodePort(null).endPort().endSpec().build());
    assertThat(kept.getSpec().getPorts().get(0).getNodePort()).as("patchAllocatedValues").isEqualTo(ports.get(0));
  }

  @Test
  void aClusterIpServiceHasNoNodePorts(KubernetesClient client) {
    Service svc = create(client, service("plain").build());
    assertThat(svc.getSpec().getPorts().get(0).getNodePort()).isNull();
  }
}
