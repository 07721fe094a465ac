package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CronJobs fire on the virtual clock. */
@SimulatedClusterTest
class CronJobTest {

  static CronJob report(String schedule, String concurrency, String image) {
    return new CronJobBuilder().withNewMetadata().withName("report").withNamespace("default").endMetadata()
        .withNewSpec().withSchedule(schedule).withConcurrencyPolicy(concurrency).withSuccessfulJobsHistoryLimit(2)
        .withNewJobTemplate().withNewSpec().withBackoffLimit(0)
        .withNewTemplate().withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("report").withImage(image).endContainer()
        .endSpec().endTemplate().endSpec().endJobTemplate()
        .endSpec().build();
  }

  static List<Job> jobs(KubernetesClient client) {
    return client.batch().v1().jobs().inNamespace("default").list().getItems();
  }

  @Test
  void aCronJobRunsJobsOnScheduleAndKeepsItsHistoryLimit(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("report:1").exitAfter(Duration.ofSeconds(30), 0);
    client.resource(report("*/5 * * * *", "Forbid", "report:1")).create();
    cluster.advance(Duration.ofMinutes(16));
    // Fired at 00:05, 00:10 and 00:15; two successful Jobs are kept.
    assertThat(jobs(client)).extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("report-" + (SimulatedCluster.DEFAULT_START.getEpochSecond() / 60 + 10),
            "report-" + (SimulatedCluster.DEFAULT_START.getEpochSecond() / 60 + 15));
    CronJob status = client.batch().v1().cronjobs().inNamespace("default").withName("report").get();
    assertThat(status.getStatus().getLastScheduleTime()).isEqualTo("2026-01-01T00:15:00Z");
    assertThat(status.getStatus().getLastSuccessfulTime()).isEqualTo("2026-01-01T00:15:30Z");
    assertThat(status.getStatus().getActive()).isEmpty();
  }

  @Test
  void forbidSkipsRunsWhileOneIsStillActive(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(report("*/5 * * * *", "Forbid", "slow:1")).create();
    cluster.advance(Duration.ofMinutes(16));
    assertThat(jobs(client)).hasSize(1);
    assertThat(client.batch().v1().cronjobs().inNamespace("default").withName("report").get().getStatus()
        .getActive()).hasSize(1);
  }

  @Test
  void allowStartsOverlappingRuns(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(report("*/5 * * * *", "Allow", "slow:1")).create();
    cluster.advance(Duration.ofMinutes(16));
    assertThat(jobs(client)).hasSize(3);
  }
}
