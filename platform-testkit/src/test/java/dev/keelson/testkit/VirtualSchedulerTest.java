package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.Scheduler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cluster's scheduler runs tasks on the virtual clock, in time order with the cluster's own controllers. */
@SimulatedClusterTest
class VirtualSchedulerTest {

  @Test
  void tasksRunInDueOrderAtTheirDueTimeAsTheClockPassesThem(SimulatedCluster cluster) {
    Scheduler scheduler = cluster.scheduler();
    Instant start = scheduler.clock().instant();
    List<Duration> ran = new CopyOnWriteArrayList<>();
    Runnable record = () -> ran.add(Duration.between(start, scheduler.clock().instant()));
    scheduler.schedule(Duration.ofSeconds(5), record);
    scheduler.schedule(Duration.ofSeconds(1), () -> {
      record.run();
      scheduler.schedule(Duration.ofSeconds(1), record);       // a task may schedule the next one
    });
    Cancellable cancelled = scheduler.schedule(Duration.ofSeconds(3), record);

    assertThat(cancelled.cancel()).isTrue();
    cluster.advance(Duration.ofMillis(999));
    assertThat(ran).isEmpty();
    cluster.advance(Duration.ofSeconds(10));

    assertThat(ran).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
    assertThat(cancelled.cancel()).isFalse();
  }

  @Test
  void aTaskSeesWhatTheControllersDidBeforeItsDueTime(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("report:1").exitAfter(Duration.ofSeconds(30), 0);
    client.resource(CronJobTest.report("*/5 * * * *", "Forbid", "report:1")).create();
    List<Integer> jobs = new CopyOnWriteArrayList<>();
    cluster.scheduler().schedule(Duration.ofMinutes(4), () -> jobs.add(CronJobTest.jobs(client).size()));
    cluster.scheduler().schedule(Duration.ofMinutes(6), () -> jobs.add(CronJobTest.jobs(client).size()));

    cluster.advance(Duration.ofMinutes(10));

    assertThat(jobs).as("the CronJob fires at minute 5, between the two tasks").containsExactly(0, 1);
  }

  @Test
  void inRealTimeModeTasksRunWithoutTheTestMovingTheClock(SimulatedCluster cluster) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    cluster.scheduler().schedule(Duration.ofMillis(50), ran::countDown);

    cluster.startRealTime(Duration.ofMillis(10));
    try {
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      cluster.stopRealTime();
    }
  }

  @Test
  void awaitIdleRunsTasksThatAreDueNow(SimulatedCluster cluster) {
    List<String> ran = new CopyOnWriteArrayList<>();
    cluster.scheduler().schedule(Duration.ZERO, () -> ran.add("now"));
    cluster.scheduler().schedule(Duration.ofSeconds(1), () -> ran.add("later"));

    cluster.awaitIdle();

    assertThat(ran).containsExactly("now");
  }
}
