package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HorizontalPodAutoscalers on the virtual clock read each pod's CPU from the resource metrics API, i.e. the CPU the
 * test scripts for the pods, and compute replicas as kube-controller-manager does. Each pod of {@code web} requests
 * 100m of CPU, so 0.1 cores is 100% utilisation.
 */
@SimulatedClusterTest
class AutoscalerTest {

  private KubernetesClient client;
  private SimulatedCluster cluster;

  @BeforeEach
  void setUp(KubernetesClient client, SimulatedCluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  static HorizontalPodAutoscaler hpa(int min, int max, int cpuPercent) {
    return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("default")
        .endMetadata().withNewSpec().withMinReplicas(min).withMaxReplicas(max)
        .withNewScaleTargetRef("apps/v1", "Deployment", "web")
        .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
        .withType("Utilization").withAverageUtilization(cpuPercent).endTarget().endResource().endMetric()
        .endSpec().build();
  }

  /** A rollout surges one pod at a time and keeps every old pod until the new one is Ready. */
  static Deployment web(int replicas, String image) {
    return new DeploymentBuilder(DeploymentScenarioTest.web(replicas, image)).editSpec().editStrategy()
        .editRollingUpdate().withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate().endStrategy().endSpec().build();
  }

  private int replicas() {
    return client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getReplicas();
  }

  private HorizontalPodAutoscaler status() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName("web").get();
  }

  private HorizontalPodAutoscalerCondition condition(String type) {
    return status().getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow();
  }

  private MetricValueStatus cpu() {
    return status().getStatus().getCurrentMetrics().get(0).getResource().getCurrent();
  }

  private List<String> pods() {
    return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** Four pods of web under an HPA targeting 50% (1 to 10 replicas); CPU is scripted only for the first few. */
  private void autoscaleFourPodsMeasuringOnly(int measured, double percent) {
    client.resource(web(4, "web:1")).create();
    cluster.awaitIdle();
    for (String pod : pods().subList(0, measured)) {
      cluster.metrics().forPod("default", pod).cpuUtilization(percent);
    }
    client.resource(hpa(1, 10, 50)).create();
  }

  /** Moves the clock to {@code seconds} after the start. */
  private void at(long seconds) {
    cluster.advance(Duration.between(cluster.clock().instant(), SimulatedCluster.DEFAULT_START.plusSeconds(seconds)));
  }

  @Test
  void scalesUpWithLoadWithinMaxAndDownOnlyAfterTheStabilisationWindow() {
    client.resource(web(2, "web:1")).create();
    cluster.metrics().cpuUtilization("default", "web", 100);
    at(15);                                                    // metrics-server has scraped the pods twice
    client.resource(hpa(2, 5, 50)).create();
    cluster.awaitIdle();
    assertThat(replicas()).as("first evaluation: ceil(2 x 100/50)").isEqualTo(4);
    at(35);
    assertThat(replicas()).as("capped at maxReplicas").isEqualTo(5);
    assertThat(status().getStatus().getDesiredReplicas()).isEqualTo(5);
    assertThat(condition("ScalingLimited").getReason()).isEqualTo("TooManyReplicas");

    cluster.metrics().cpuUtilization("default", "web", 10);
    at(155);
    assertThat(replicas()).as("scale-down waits for the 300 s window").isEqualTo(5);
    at(395);
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void withinTheToleranceNothingChanges() {
    client.resource(web(3, "web:1")).create();
    client.resource(hpa(1, 10, 50)).create();
    cluster.metrics().cpuUtilization("default", "web", 54);
    cluster.advance(Duration.ofMinutes(2));
    assertThat(replicas()).isEqualTo(3);
    assertThat(cpu().getAverageUtilization()).isEqualTo(54);
  }

  @Test
  void scalesByTheFormulaOnScriptedCpuAndBackAfterTheStabilisationWindow() {
    client.resource(web(2, "web:1")).create();
    client.resource(hpa(2, 10, 50)).create();
    cluster.metrics().cpuUsage("default", "web", 0.12);
    cluster.awaitIdle();
    assertThat(condition("ScalingActive").getStatus()).isEqualTo("False");
    assertThat(condition("ScalingActive").getMessage()).as("nothing scraped yet").isEqualTo("the HPA was unable to "
        + "compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no "
        + "metrics returned from resource metrics API");

    at(15);
    assertThat(replicas()).as("ceil(2 pods x 120% / 50%)").isEqualTo(5);
    assertThat(cpu().getAverageUtilization()).isEqualTo(120);
    assertThat(cpu().getAverageValue()).isEqualTo(new Quantity("120m"));
    assertThat(condition("ScalingActive").getMessage()).isEqualTo("the HPA was able to successfully calculate a "
        + "replica count from cpu resource utilization (percentage of request)");

    cluster.metrics().cpuUsage("default", "web", 0.048);      // the same 240m of load, spread over 5 pods
    at(60);
    assertThat(replicas()).as("48% is within 10% of the 50% target").isEqualTo(5);
    assertThat(cpu().getAverageUtilization()).isEqualTo(48);

    cluster.metrics().cpuUsage("default", "web", 0.01);       // from 60 s on, 10% everywhere
    at(359);
    assertThat(replicas()).as("the evaluation at 60 s still saw 48%: 5 stays for 300 s").isEqualTo(5);
    assertThat(cpu().getAverageUtilization()).isEqualTo(10);
    at(360);
    assertThat(replicas()).as("ceil(5 x 10/50) = 1, raised to minReplicas").isEqualTo(2);
  }

  @Test
  void onAScaleUpUnreadyPodsCountAsUsingNothing() {
    client.resource(web(4, "web:1")).create();
    cluster.metrics().cpuUtilization("default", "web", 65);
    cluster.script().forImage("web:2").slowStart(Duration.ofMinutes(10));
    at(15);
    client.apps().deployments().inNamespace("default").withName("web").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("web:2");
      return d;
    });
    cluster.awaitIdle();
    Pod starting = client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
        .filter(p -> p.getSpec().getContainers().get(0).getImage().equals("web:2")).findFirst().orElseThrow();
    cluster.metrics().forPod("default", starting.getMetadata().getName()).cpuUtilization(500);  // warming up
    at(45);
    assertThat(client.top().pods().metrics("default").getItems()).as("all five pods have metrics").hasSize(5);

    client.resource(hpa(1, 10, 50)).create();
    cluster.awaitIdle();
    // Four ready pods at 65%: ratio 1.3. The unready pod's 500% is dropped and it counts as 0%:
    // (4 x 65 + 0) / 5 pods = 52%, ratio 1.04, within the tolerance. Leaving the pod out would give
    // ceil(1.3 x 4) = 6; counting its usage the 8 the scale-up limit allows.
    assertThat(replicas()).isEqualTo(4);
    assertThat(condition("ScalingActive").getStatus()).isEqualTo("True");
    assertThat(cpu().getAverageUtilization()).as("over the ready pods").isEqualTo(65);

    cluster.metrics().cpuUtilization("default", "web", 75);
    at(60);
    // (4 x 75 + 0) / 5 = 60%, ratio 1.2: ceil(1.2 x 5) = 6.
    assertThat(replicas()).isEqualTo(6);
  }

  @Test
  void aStartingPodsCpuCountsOnceAWholeWindowWasMeasuredAfterItTurnedReady() {
    cluster.script().forImage("web:1").slowStart(Duration.ofSeconds(20));
    client.resource(web(1, "web:1")).create();
    client.resource(hpa(1, 10, 50)).create();
    cluster.metrics().cpuUtilization("default", "web", 200);
    at(30);
    // Ready at 20 s; the sample at 30 s covers 15..30 s, partly before: still start-up CPU.
    assertThat(replicas()).isEqualTo(1);
    assertThat(condition("ScalingActive").getMessage()).isEqualTo("the HPA was unable to compute the replica count: "
        + "failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)");
    at(45);
    assertThat(replicas()).as("the sample at 45 s covers 30..45 s: ceil(1 x 200/50)").isEqualTo(4);
  }

  @Test
  void onAScaleDownPodsWithoutMetricsCountAsUsingAllTheirRequest() {
    autoscaleFourPodsMeasuringOnly(3, 10);
    at(299);
    assertThat(replicas()).as("no scale-down within 300 s of the first evaluation").isEqualTo(4);
    at(300);
    // Three pods at 10%, the fourth unmeasured counts as 100%: (3 x 10 + 100) / 4 = 32%, ceil(4 x 32/50) = 3.
    // Leaving it out would give ceil(3 x 10/50) = 1.
    assertThat(replicas()).isEqualTo(3);
    assertThat(cpu().getAverageUtilization()).as("over the measured pods").isEqualTo(10);
  }

  @Test
  void onAScaleUpPodsWithoutMetricsCountAsUsingNothing() {
    autoscaleFourPodsMeasuringOnly(2, 150);
    at(15);
    // Two pods at 150% (ratio 3), two unmeasured at 0%: (150 + 150) / 4 = 75%, ceil(4 x 75/50) = 6.
    assertThat(replicas()).isEqualTo(6);
  }

  @Test
  void anAutoscalingV1CpuTargetIsAResourceMetric() {
    client.resource(web(2, "web:1")).create();
    cluster.metrics().cpuUtilization("default", "web", 100);
    client.autoscaling().v1().horizontalPodAutoscalers().resource(
        new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder().withNewMetadata()
            .withName("web").withNamespace("default").endMetadata().withNewSpec().withMaxReplicas(10)
            .withNewScaleTargetRef("apps/v1", "Deployment", "web").withTargetCPUUtilizationPercentage(50)
            .endSpec().build()).create();
    at(15);
    assertThat(replicas()).as("ceil(2 x 100/50)").isEqualTo(4);
  }

  @Test
  void aTargetBelowMinReplicasIsRaisedWithoutWaitingForMetrics() {
    client.resource(web(1, "web:1")).create();
    client.resource(hpa(3, 6, 50)).create();
    cluster.awaitIdle();
    assertThat(replicas()).isEqualTo(3);
    assertThat(condition("ScalingLimited").getReason()).isEqualTo("TooFewReplicas");
  }
}
