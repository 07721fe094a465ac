package dev.keelson.testkit.internal.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Selector;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Size check: many Deployments rolled out to Available on the virtual clock. Reports the wall time but does not
 * assert on it; {@code -Dkeelson.workload.deployments=1000} runs the full-size figure.
 */
class WorkloadScaleTest {

  @Test
  void manyDeploymentsBecomeAvailable() {
    int count = Integer.getInteger("keelson.workload.deployments", 200);
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    try (WorkloadCluster cluster = new WorkloadCluster()) {
      for (int i = 0; i < count; i++) {
        cluster.create(WorkloadCluster.deployment("app-" + i, 3, "nginx:1"));
      }
      cluster.settle();
      cluster.advance(Duration.ofSeconds(5));
      long millis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      System.out.printf("%d deployments x 3 replicas available in %d ms wall (%d ms CPU on the test thread)%n",
          count, millis, cpuMillis);

      int available = 0;
      for (ObjectNode d : cluster.store.list(cluster.deployments, WorkloadCluster.NAMESPACE, Selector.everything(),
          Selector.everything()).items()) {
        if (WorkloadCluster.status(d, "availableReplicas") == 3
            && "NewReplicaSetAvailable".equals(WorkloadCluster.condition(d, "Progressing").path("reason")
                .asString(""))) {
          available++;
        }
      }
      assertThat(available).isEqualTo(count);
      assertThat(cluster.store.list(cluster.pods, WorkloadCluster.NAMESPACE, Selector.everything(),
          Selector.everything()).items()).hasSize(3 * count);
    }
  }
}
