package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** Quota and LimitRange admission as platform logic meets them: through a Deployment's ReplicaSet. */
@SimulatedClusterTest
class QuotaTest {

  @Test
  void aDeploymentOverQuotaReportsTheApiServersMessageAndStopsAtTheLimit(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("compute").withNamespace("default")
        .endMetadata().withNewSpec().addToHard("requests.cpu", new Quantity("250m")).endSpec().build()).create();
    client.resource(DeploymentScenarioTest.web(3, "web:1")).create();
    cluster.awaitIdle();
    assertThat(client.pods().inNamespace("default").withLabel("app", "web").list().getItems()).hasSize(2);
    Deployment d = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("ReplicaFailure");
      assertThat(c.getReason()).isEqualTo("FailedCreate");
      assertThat(c.getMessage()).matches("pods \"web-[a-z0-9]+-[a-z0-9]{5}\" is forbidden: exceeded quota: compute, "
          + "requested: requests.cpu=100m, used: requests.cpu=200m, limited: requests.cpu=250m");
    });
    assertThat(client.resourceQuotas().inNamespace("default").withName("compute").get().getStatus().getUsed())
        .containsEntry("requests.cpu", new Quantity("200m"));
  }

  @Test
  void limitRangeDefaultsFillMissingRequests(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(new LimitRangeBuilder().withNewMetadata().withName("defaults").withNamespace("default")
        .endMetadata().withNewSpec().addNewLimit().withType("Container")
        .addToDefaultRequest("cpu", new Quantity("50m")).addToDefault("memory", new Quantity("256Mi")).endLimit()
        .endSpec().build()).create();
    Deployment bare = DeploymentScenarioTest.web(1, "web:1");
    bare.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(null);
    client.resource(bare).create();
    cluster.awaitIdle();
    var pod = client.pods().inNamespace("default").withLabel("app", "web").list().getItems().get(0);
    var resources = pod.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("50m"));
    assertThat(resources.getLimits()).containsEntry("memory", new Quantity("256Mi"));
    assertThat(pod.getMetadata().getAnnotations()).containsKey("kubernetes.io/limit-ranger");
  }
}
