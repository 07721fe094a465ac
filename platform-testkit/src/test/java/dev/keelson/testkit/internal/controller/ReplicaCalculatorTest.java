package dev.keelson.testkit.internal.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.controller.ReplicaCalculator.MetricUnavailable;
import dev.keelson.testkit.internal.controller.ReplicaCalculator.PodMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod accounting of upstream's {@code replica_calculator.go} for cases a scenario on the cluster reaches only
 * slowly: the 5 min CPU initialisation period, the 30 s initial readiness delay, value targets and the tolerance's
 * edge. Each pod requests 100m of CPU; the target is 50% unless said otherwise.
 */
class ReplicaCalculatorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(15);

  /** A running pod started at {@code started} whose Ready condition last changed to {@code ready} at {@code since}. */
  private static ObjectNode pod(String name, Instant started, boolean ready, Instant since) {
    ObjectNode pod = Json.parseObject("""
        {"metadata": {"name": "%s"},
         "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "100m"}}}]},
         "status": {"phase": "Running", "startTime": "%s",
                    "conditions": [{"type": "Ready", "status": "%s", "lastTransitionTime": "%s"}]}}
        """.formatted(name, started, ready ? "True" : "False", since), false);
    return pod;
  }

  private static PodMetric usage(long milli, Instant at) {
    return new PodMetric(milli, at, WINDOW);
  }

  @Test
  void afterTheInitialisationPeriodAPodThatWasReadyAndTurnedUnreadyStillCounts() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    List<ObjectNode> pods = List.of(pod("a", T0, true, T0), pod("b", T0, false, T0.plus(Duration.ofMinutes(8))));
    Map<String, PodMetric> metrics = Map.of("a", usage(100, now), "b", usage(100, now));

    assertThat(ReplicaCalculator.forUtilization(2, 50, "cpu", pods, metrics, now).replicas())
        .as("both pods at 100%: ceil(2 x 100/50)").isEqualTo(4);
  }

  @Test
  void afterTheInitialisationPeriodAPodUnreadySinceItsFirst30SecondsIsLeftOut() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    List<ObjectNode> pods = List.of(pod("a", T0, true, T0), pod("b", T0, false, T0.plusSeconds(29)));
    Map<String, PodMetric> metrics = Map.of("a", usage(100, now), "b", usage(400, now));

    // b counts as 0% on the scale-up: (100 + 0) / 200 = 50%, exactly the target.
    assertThat(ReplicaCalculator.forUtilization(2, 50, "cpu", pods, metrics, now).replicas()).isEqualTo(2);
  }

  @Test
  void withinTheInitialisationPeriodASampleStartingBeforeReadinessIsLeftOut() {
    Instant now = T0.plusSeconds(60);
    Instant ready = T0.plusSeconds(50);
    List<ObjectNode> pods = List.of(pod("a", T0, true, T0), pod("b", T0, true, ready));

    // b's sample at 60 s covers 45..60 s, from before it turned Ready at 50 s.
    assertThat(ReplicaCalculator.forUtilization(2, 50, "cpu", pods, Map.of("a", usage(100, now),
        "b", usage(400, now)), now).replicas()).as("(100 + 0) / 200 = 50%").isEqualTo(2);
    Instant later = T0.plusSeconds(65);
    assertThat(ReplicaCalculator.forUtilization(2, 50, "cpu", pods, Map.of("a", usage(100, later),
        "b", usage(400, later)), later).replicas()).as("covers 50..65 s: (100 + 400) / 200 = 250%").isEqualTo(10);
  }

  @Test
  void readinessDoesNotMatterForMemory() {
    Instant now = T0.plusSeconds(60);
    List<ObjectNode> pods = List.of(pod("a", T0, false, T0));
    ObjectNode memoryPod = Json.parseObject(Json.write(pods.get(0)).replace("\"cpu\":\"100m\"",
        "\"memory\":\"100Mi\""), false);

    assertThatThrownBy(() -> ReplicaCalculator.forUtilization(1, 50, "cpu", pods, Map.of("a", usage(100, now)), now))
        .isInstanceOf(MetricUnavailable.class).hasMessage("did not receive metrics for targeted pods (pods might be "
            + "unready)");
    long request = 100L * 1024 * 1024 * 1000;
    assertThat(ReplicaCalculator.forUtilization(1, 50, "memory", List.of(memoryPod),
        Map.of("a", usage(request, now)), now).replicas()).isEqualTo(2);
  }

  @Test
  void aValueTargetAveragesThePodsUsageAndCountsUnmeasuredPodsAtTheTargetOnAScaleDown() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    List<ObjectNode> pods = List.of(pod("a", T0, true, T0), pod("b", T0, true, T0), pod("c", T0, true, T0));
    Map<String, PodMetric> metrics = Map.of("a", usage(20, now), "b", usage(40, now));

    ReplicaCalculator.Proposal p = ReplicaCalculator.forAverageValue(3, 100, "cpu", pods, metrics, now);
    // Average 30m against 100m; c counts as 100m: (20 + 40 + 100) / 3 = 53m, ceil(0.53 x 3) = 2.
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.averageMilli()).isEqualTo(30);
    assertThat(p.utilization()).isNull();
  }

  @Test
  void aMissingRequestIsAnErrorNamingTheContainer() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    ObjectNode pod = pod("a", T0, true, T0);
    ((ObjectNode) pod.path("spec").path("containers").get(0)).remove("resources");

    assertThatThrownBy(() -> ReplicaCalculator.forUtilization(1, 50, "cpu", List.of(pod), Map.of("a",
        usage(100, now)), now)).hasMessage("missing request for cpu in container app of Pod a");
  }

  @Test
  void theToleranceIncludesItsEdges() {
    assertThat(ReplicaCalculator.withinTolerance(55.0 / 50)).isTrue();
    assertThat(ReplicaCalculator.withinTolerance(45.0 / 50)).isTrue();
    assertThat(ReplicaCalculator.withinTolerance(56.0 / 50)).isFalse();
  }
}
