package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HorizontalPodAutoscalers follow scripted metrics on the virtual clock. */
@SimulatedClusterTest
class AutoscalerTest {

  static HorizontalPodAutoscaler hpa(int min, int max, int cpuPercent) {
    return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("default")
        .endMetadata().withNewSpec().withMinReplicas(min).withMaxReplicas(max)
        .withNewScaleTargetRef("apps/v1", "Deployment", "web")
        .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
        .withType("Utilization").withAverageUtilization(cpuPercent).endTarget().endResource().endMetric()
        .endSpec().build();
  }

  static int replicas(KubernetesClient client) {
    return client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getReplicas();
  }

  @Test
  void scalesUpWithLoadWithinMaxAndDownOnlyAfterTheStabilisationWindow(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(DeploymentScenarioTest.web(2, "web:1")).create();
    client.resource(hpa(2, 5, 50)).create();
    cluster.metrics().cpuUtilization("default", "web", 100);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(replicas(client)).as("first evaluation: ceil(2 x 100/50)").isEqualTo(4);
    cluster.advance(Duration.ofSeconds(20));
    assertThat(replicas(client)).as("capped at maxReplicas").isEqualTo(5);
    HorizontalPodAutoscaler status = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default")
        .withName("web").get();
    assertThat(status.getStatus().getDesiredReplicas()).isEqualTo(5);
    assertThat(status.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("ScalingLimited");
      assertThat(c.getReason()).isEqualTo("TooManyReplicas");
    });

    cluster.metrics().cpuUtilization("default", "web", 10);
    cluster.advance(Duration.ofSeconds(120));
    assertThat(replicas(client)).as("scale-down waits for the 300 s window").isEqualTo(5);
    cluster.advance(Duration.ofSeconds(240));
    assertThat(replicas(client)).isEqualTo(2);
    assertThat(cluster.clock().instant()).isAfter(SimulatedCluster.DEFAULT_START);
  }

  @Test
  void withinTheToleranceNothingChanges(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(DeploymentScenarioTest.web(3, "web:1")).create();
    client.resource(hpa(1, 10, 50)).create();
    cluster.metrics().cpuUtilization("default", "web", 54);
    cluster.advance(Duration.ofMinutes(2));
    assertThat(replicas(client)).isEqualTo(3);
  }
}
