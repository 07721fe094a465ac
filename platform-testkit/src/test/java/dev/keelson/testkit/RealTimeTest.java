package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class RealTimeTest {

  @Test
  void inRealTimeModeTheClusterProgressesWhileCodeUnderTestPolls(KubernetesClient client,
      SimulatedCluster cluster) throws InterruptedException {
    Instant start = cluster.clock().instant();
    cluster.startRealTime(Duration.ofMillis(10));
    client.resource(DeploymentScenarioTest.web(2, "web:1")).create();
    // Code under test that waits for a rollout by polling, never calling awaitIdle or advance.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Deployment d = null;
    while (System.nanoTime() < deadline) {
      d = client.apps().deployments().inNamespace("default").withName("web").get();
      if (d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())) {
        break;
      }
      Thread.sleep(20);
    }
    cluster.stopRealTime();
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(cluster.clock().instant()).isAfter(start);
    Instant stopped = cluster.clock().instant();
    Thread.sleep(50);
    assertThat(cluster.clock().instant()).isEqualTo(stopped);
  }
}
