package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Liveness and startup probes as the kubelet runs them: failures, kills, restarts and the started flag. */
@SimulatedClusterTest
class ProbesTest {

  static Probe http(String path, int initialDelay, int period, int failureThreshold) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(8080)).endHttpGet()
        .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withFailureThreshold(failureThreshold)
        .build();
  }

  static Pod pod(String name, String image) {
    return EventsTest.pod(name, image).build();
  }

  static ContainerStatus status(KubernetesClient client, String pod) {
    return client.pods().inNamespace("default").withName(pod).get().getStatus().getContainerStatuses().get(0);
  }

  static String condition(KubernetesClient client, String pod, String type) {
    return client.pods().inNamespace("default").withName(pod).get().getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).map(PodCondition::getStatus).findFirst().orElseThrow();
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainerAfterThresholdTimesPeriod(KubernetesClient client,
      SimulatedCluster cluster) {
    cluster.script().forImage("shop/hung:1").failLiveness();
    Pod pod = pod("hung", "shop/hung:1");
    pod.getSpec().getContainers().get(0).setLivenessProbe(http("/healthz", 5, 10, 3));
    client.resource(pod).create();

    // Probes at 15, 25 and 35 s (initial delay, then one per period) fail; the third one has it killed.
    cluster.advance(Duration.ofSeconds(34));
    assertThat(status(client, "hung").getRestartCount()).isZero();
    assertThat(status(client, "hung").getState().getRunning()).isNotNull();
    assertThat(cluster).events("default").about("Pod", "hung").withReason("Unhealthy").haveTotalCount(2);
    assertThat(cluster).events("default").about("Pod", "hung").withReason("Killing").areEmpty();

    cluster.advance(Duration.ofSeconds(1));
    ContainerStatus s = status(client, "hung");
    assertThat(s.getRestartCount()).isEqualTo(1);
    assertThat(s.getState().getRunning().getStartedAt()).isEqualTo("2026-01-01T00:00:35Z");
    assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(143);
    assertThat(s.getLastState().getTerminated().getFinishedAt()).isEqualTo("2026-01-01T00:00:35Z");
    var events = assertThat(cluster).events("default").about("Pod", "hung");
    events.withReason("Unhealthy").haveCount(1).haveTotalCount(3)
        .containMessage("Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500");
    events.withReason("Killing").haveCount(1)
        .containMessage("Killing", "Container app failed liveness probe, will be restarted");
    events.withReason("Started").haveTotalCount(2);
    assertThat(EventsTest.event(client, "hung", "Killing").getType()).isEqualTo("Normal");
    assertThat(EventsTest.event(client, "hung", "Unhealthy").getType()).isEqualTo("Warning");
  }

  @Test
  void repeatedLivenessKillsEndInCrashLoopBackOff(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/hung:2").failLiveness();
    Pod pod = pod("hung", "shop/hung:2");
    pod.getSpec().getContainers().get(0).setLivenessProbe(http("/healthz", 0, 10, 3));
    client.resource(pod).create();
    String uid = client.pods().inNamespace("default").withName("hung").get().getMetadata().getUid();

    // Killed at 30 s and restarted at once; killed again at 60 s, now inside the 10 s back-off.
    cluster.advance(Duration.ofSeconds(61));
    ContainerStatus s = status(client, "hung");
    assertThat(s.getRestartCount()).isEqualTo(1);
    assertThat(s.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(s.getState().getWaiting().getMessage())
        .isEqualTo("back-off 10s restarting failed container=app pod=hung_default(" + uid + ")");
    assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(143);
    assertThat(s.getReady()).isFalse();
    assertThat(s.getStarted()).isFalse();
    assertThat(cluster).events("default").about("Pod", "hung").withReason("Killing").haveTotalCount(2);
    assertThat(cluster).events("default").about("Pod", "hung").withReason("BackOff").haveTotalCount(1)
        .containMessage("BackOff", "Back-off restarting failed container app in pod hung_default(" + uid + ")");

    // Restarted at 70 s, killed at 100 s, back-off 20 s: restarted at 120 s.
    cluster.advance(Duration.ofSeconds(60));
    assertThat(status(client, "hung").getRestartCount()).isEqualTo(3);
    assertThat(status(client, "hung").getState().getRunning().getStartedAt()).isEqualTo("2026-01-01T00:02:00Z");
  }

  @Test
  void aContainerThatHangsLaterIsHealthyUntilThen(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/deadlock:1").failLivenessAfter(Duration.ofMinutes(5));
    Pod pod = pod("deadlock", "shop/deadlock:1");
    pod.getSpec().getContainers().get(0).setLivenessProbe(http("/healthz", 0, 10, 3));
    client.resource(pod).create();

    cluster.advance(Duration.ofSeconds(299));
    assertThat(cluster).events("default").about("Pod", "deadlock").withReason("Unhealthy").areEmpty();
    assertThat(status(client, "deadlock").getReady()).isTrue();

    // Failing probes at 300, 310 and 320 s.
    cluster.advance(Duration.ofSeconds(20));
    assertThat(status(client, "deadlock").getRestartCount()).isZero();
    assertThat(cluster).events("default").about("Pod", "deadlock").withReason("Unhealthy").haveTotalCount(2);
    cluster.advance(Duration.ofSeconds(1));
    assertThat(status(client, "deadlock").getRestartCount()).isEqualTo(1);
    assertThat(status(client, "deadlock").getLastState().getTerminated().getFinishedAt())
        .isEqualTo("2026-01-01T00:05:20Z");
  }

  @Test
  void withoutALivenessProbeFailLivenessHasNoEffect(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/hung:3").failLiveness();
    client.resource(pod("unprobed", "shop/hung:3")).create();
    cluster.advance(Duration.ofMinutes(10));

    ContainerStatus s = status(client, "unprobed");
    assertThat(s.getRestartCount()).isZero();
    assertThat(s.getReady()).isTrue();
    assertThat(s.getStarted()).isTrue();
    assertThat(cluster).events("default").about("Pod", "unprobed").withReason("Unhealthy").areEmpty();
    assertThat(cluster).events("default").about("Pod", "unprobed").withReason("Killing").areEmpty();
  }

  @Test
  void aStartupProbeHoldsBackStartedAndReadyUntilItSucceeds(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/slow:2").slowStart(Duration.ofSeconds(30));
    Pod pod = pod("slow", "shop/slow:2");
    pod.getSpec().getContainers().get(0).setStartupProbe(http("/started", 0, 10, 6));
    pod.getSpec().getContainers().get(0).setReadinessProbe(http("/ready", 0, 5, 3));
    client.resource(pod).create();

    cluster.advance(Duration.ofSeconds(29));
    ContainerStatus s = status(client, "slow");
    assertThat(s.getState().getRunning()).isNotNull();
    assertThat(s.getStarted()).isFalse();
    assertThat(s.getReady()).isFalse();
    assertThat(condition(client, "slow", "Ready")).isEqualTo("False");
    assertThat(client.pods().inNamespace("default").withName("slow").get().getStatus().getPhase())
        .isEqualTo("Running");

    // Startup probes at 10 and 20 s fail, the one at 30 s succeeds; readiness probes only run from then on.
    cluster.advance(Duration.ofSeconds(1));
    s = status(client, "slow");
    assertThat(s.getStarted()).isTrue();
    assertThat(s.getReady()).isTrue();
    assertThat(s.getRestartCount()).isZero();
    assertThat(condition(client, "slow", "Ready")).isEqualTo("True");
    assertThat(cluster).events("default").about("Pod", "slow").withReason("Unhealthy").haveCount(1)
        .haveTotalCount(2)
        .containMessage("Unhealthy", "Startup probe failed: HTTP probe failed with statuscode: 503");
  }

  @Test
  void aStartupProbeThatRunsOutOfTimeHasTheContainerKilled(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/slow:3").slowStart(Duration.ofMinutes(5)).failLiveness();
    Pod pod = pod("slow", "shop/slow:3");
    pod.getSpec().getContainers().get(0).setStartupProbe(http("/started", 0, 10, 3));
    pod.getSpec().getContainers().get(0).setLivenessProbe(http("/healthz", 0, 1, 1));
    client.resource(pod).create();

    cluster.advance(Duration.ofSeconds(29));
    assertThat(status(client, "slow").getRestartCount()).isZero();
    assertThat(status(client, "slow").getStarted()).isFalse();

    // Startup probes at 10, 20 and 30 s fail; the liveness probe never runs before the startup probe succeeds.
    cluster.advance(Duration.ofSeconds(1));
    ContainerStatus s = status(client, "slow");
    assertThat(s.getRestartCount()).isEqualTo(1);
    assertThat(s.getStarted()).isFalse();
    assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("Error");
    var events = assertThat(cluster).events("default").about("Pod", "slow");
    events.withReason("Unhealthy").haveCount(1).haveTotalCount(3)
        .containMessage("Unhealthy", "Startup probe failed: HTTP probe failed with statuscode: 503");
    events.withReason("Killing").haveCount(1)
        .containMessage("Killing", "Container app failed startup probe, will be restarted");
  }

  @Test
  void underRestartPolicyNeverALivenessKillEndsThePod(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/hung:4").failLiveness();
    Pod pod = pod("once", "shop/hung:4");
    pod.getSpec().setRestartPolicy("Never");
    pod.getSpec().getContainers().get(0).setLivenessProbe(http("/healthz", 0, 10, 1));
    client.resource(pod).create();
    cluster.advance(Duration.ofMinutes(1));

    ContainerStatus s = status(client, "once");
    assertThat(s.getRestartCount()).isZero();
    assertThat(s.getState().getTerminated().getExitCode()).isEqualTo(143);
    assertThat(client.pods().inNamespace("default").withName("once").get().getStatus().getPhase())
        .isEqualTo("Failed");
    assertThat(cluster).events("default").about("Pod", "once").withReason("Killing").haveTotalCount(1)
        .containMessage("Killing", "Container app failed liveness probe");
  }
}
