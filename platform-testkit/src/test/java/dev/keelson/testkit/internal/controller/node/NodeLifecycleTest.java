package dev.keelson.testkit.internal.controller.node;

import static dev.keelson.testkit.internal.controller.node.NodeHarness.condition;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Node status, the node lifecycle controller, taint-based eviction and orphaned-pod collection. */
class NodeLifecycleTest {

  private final NodeHarness h = new NodeHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> taints(String node) {
    List<String> out = new ArrayList<>();
    h.node(node).path("spec").path("taints").forEach(t -> out.add(t.path("key").asString() + ":"
        + t.path("effect").asString()));
    return out;
  }

  @Test
  void newNodeIsReadyWithKubeletStrings() {
    h.fleet().add(NodeSpec.named("a").cpu("2").memory("8Gi").pods(30).zone("z1"));
    JsonNode node = h.node("a");
    assertThat(node.path("metadata").path("labels").path("topology.kubernetes.io/zone").asString()).isEqualTo("z1");
    assertThat(node.path("metadata").path("labels").path("kubernetes.io/hostname").asString()).isEqualTo("a");
    assertThat(node.path("status").path("allocatable").path("cpu").asString()).isEqualTo("2");
    assertThat(node.path("status").path("capacity").path("pods").asString()).isEqualTo("30");
    JsonNode ready = condition(node, "Ready");
    assertThat(ready.path("status").asString()).isEqualTo("True");
    assertThat(ready.path("reason").asString()).isEqualTo("KubeletReady");
    assertThat(ready.path("message").asString()).isEqualTo("kubelet is posting ready status");
    assertThat(NodeHarness.conditionTypes(node)).containsExactly("MemoryPressure", "DiskPressure", "PIDPressure",
        "Ready");
  }

  @Test
  void unknownNodeAfterGracePeriodThenEvictionAfter300Seconds() {
    h.fleet().add("a").add("b");
    h.create(pod("web", "nginx", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"a\"}"));
    h.create(pod("forever", "nginx", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"a\"},\"tolerations\":"
        + "[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"}]"));
    h.idle();
    String lastHeartbeat = condition(h.node("a"), "Ready").path("lastHeartbeatTime").asString();

    h.fleet().unknown("a");
    h.idle();
    h.advance(Duration.ofSeconds(39));
    assertThat(condition(h.node("a"), "Ready").path("status").asString()).isEqualTo("True");
    h.advance(Duration.ofSeconds(1));

    JsonNode node = h.node("a");
    JsonNode ready = condition(node, "Ready");
    assertThat(ready.path("status").asString()).isEqualTo("Unknown");
    assertThat(ready.path("reason").asString()).isEqualTo("NodeStatusUnknown");
    assertThat(ready.path("message").asString()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(ready.path("lastHeartbeatTime").asString()).isEqualTo(lastHeartbeat);
    assertThat(ready.path("lastTransitionTime").asString()).isEqualTo("2026-01-01T00:00:40Z");
    assertThat(condition(node, "MemoryPressure").path("status").asString()).isEqualTo("Unknown");
    assertThat(taints("a")).containsExactly("node.kubernetes.io/unreachable:NoSchedule",
        "node.kubernetes.io/unreachable:NoExecute");
    assertThat(node.path("spec").path("taints").get(1).path("timeAdded").asString())
        .isEqualTo("2026-01-01T00:00:40Z");
    JsonNode podReady = condition(h.pod("web"), "Ready");
    assertThat(podReady.path("status").asString()).isEqualTo("False");
    assertThat(podReady.path("lastTransitionTime").asString()).isEqualTo("2026-01-01T00:00:40Z");

    h.create(pod("late", "nginx"));
    h.idle();
    assertThat(h.pod("late").path("spec").path("nodeName").asString()).isEqualTo("b");

    h.advance(Duration.ofSeconds(299));
    assertThat(h.pod("web").path("metadata").has("deletionTimestamp")).isFalse();
    h.advance(Duration.ofSeconds(1));
    // Deleted gracefully at 00:05:40, but its kubelet is gone: it stays Terminating, as in a real cluster...
    assertTerminating(h.pod("web"), "2026-01-01T00:06:10Z");
    assertThat(h.pod("forever").path("metadata").has("deletionTimestamp")).isFalse();
    // ...until the kubelet is back to stop it.
    h.fleet().recover("a");
    h.idle();
    assertThat(h.pod("web")).isNull();
    assertThat(h.pod("forever")).isNotNull();
  }

  /** Deleted with the default grace period of 30 s and not gone yet. */
  private static void assertTerminating(JsonNode pod, String deletionTimestamp) {
    assertThat(pod).isNotNull();
    assertThat(pod.path("metadata").path("deletionTimestamp").asString()).isEqualTo(deletionTimestamp);
    assertThat(pod.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
  }

  @Test
  void evictionMarksDisruptionTargetBeforeDeleting() {
    h.fleet().add("a");
    h.create(pod("web", "nginx"));
    h.idle();
    List<JsonNode> seen = new ArrayList<>();
    var watch = h.store.watch(h.podType, "default", dev.keelson.testkit.internal.api.Selector.everything(),
        dev.keelson.testkit.internal.api.Selector.everything(), Long.toString(h.store.resourceVersion()),
        e -> seen.add(e.object()));
    h.fleet().unknown("a");
    h.advance(Duration.ofSeconds(340));
    watch.close();
    JsonNode lastState = seen.get(seen.size() - 2);
    JsonNode target = condition(lastState, "DisruptionTarget");
    assertThat(target.path("status").asString()).isEqualTo("True");
    assertThat(target.path("reason").asString()).isEqualTo("DeletionByTaintManager");
    assertThat(target.path("message").asString()).isEqualTo("Taint manager: deleting due to NoExecute taint");
    assertTerminating(h.pod("web"), "2026-01-01T00:06:10Z");
  }

  @Test
  void recoverRemovesTaintsAndPodsBecomeReadyAgain() {
    h.fleet().add("a");
    h.create(pod("web", "nginx"));
    h.idle();
    h.fleet().unknown("a");
    h.advance(Duration.ofSeconds(100));
    assertThat(condition(h.pod("web"), "Ready").path("status").asString()).isEqualTo("False");

    h.fleet().recover("a");
    h.idle();
    JsonNode ready = condition(h.node("a"), "Ready");
    assertThat(ready.path("status").asString()).isEqualTo("True");
    assertThat(ready.path("reason").asString()).isEqualTo("KubeletReady");
    assertThat(ready.path("lastTransitionTime").asString()).isEqualTo("2026-01-01T00:01:40Z");
    assertThat(taints("a")).isEmpty();
    assertThat(condition(h.pod("web"), "Ready").path("status").asString()).isEqualTo("True");
    h.advance(Duration.ofMinutes(10));
    assertThat(h.pod("web")).isNotNull();
  }

  @Test
  void notReadyTaintsAtOnce() {
    h.fleet().add("a");
    h.create(pod("web", "nginx"));
    h.idle();
    h.fleet().notReady("a");
    h.idle();
    JsonNode ready = condition(h.node("a"), "Ready");
    assertThat(ready.path("status").asString()).isEqualTo("False");
    assertThat(ready.path("reason").asString()).isEqualTo("KubeletNotReady");
    assertThat(taints("a")).containsExactly("node.kubernetes.io/not-ready:NoSchedule",
        "node.kubernetes.io/not-ready:NoExecute");
    assertThat(condition(h.pod("web"), "Ready").path("status").asString()).isEqualTo("False");
    h.advance(Duration.ofSeconds(300));
    assertTerminating(h.pod("web"), "2026-01-01T00:05:30Z");
  }

  @Test
  void untoleratedNoExecuteTaintEvictsAtOnce() {
    h.fleet().add("a");
    h.create(pod("web", "nginx"));
    h.idle();
    h.fleet().taint("a", new Taint("maintenance", "now", "NoExecute"));
    h.idle();
    assertThat(h.pod("web")).isNull();
  }

  @Test
  void removedNodesPodsAreCollected() {
    h.fleet().add("a");
    h.create(pod("web", "nginx"));
    h.idle();
    h.fleet().remove("a");
    h.idle();
    assertThat(h.pod("web")).isNull();
  }

  @Test
  void heartbeatsOnlyMoveOnChangeByDefault() {
    h.fleet().add("a");
    long rv = h.store.resourceVersion();
    h.advance(Duration.ofMinutes(30));
    assertThat(h.store.resourceVersion()).isEqualTo(rv);
  }

  @Test
  void periodicStatusReportsWhenConfigured() {
    try (NodeHarness periodic = new NodeHarness(NodeSettings.defaults()
        .withStatusReportInterval(Duration.ofMinutes(5)))) {
      periodic.fleet().add("a");
      periodic.idle();
      periodic.advance(Duration.ofMinutes(11));
      assertThat(condition(periodic.node("a"), "Ready").path("lastHeartbeatTime").asString())
          .isEqualTo("2026-01-01T00:10:00Z");
    }
  }
}
