package dev.keelson.testkit.internal.controller.node;

import static dev.keelson.testkit.internal.controller.node.NodeHarness.condition;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The scheduler: binding, capacity accounting, filters, the Unschedulable message and retries. */
class SchedulerTest {

  private final NodeHarness h = new NodeHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String requests(String cpu, String memory) {
    return "\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"resources\":{\"requests\":{\"cpu\":\"" + cpu
        + "\",\"memory\":\"" + memory + "\"}}}]";
  }

  private static JsonNode scheduled(JsonNode pod) {
    return condition(pod, "PodScheduled");
  }

  @Test
  void bindsAPodAndTheKubeletRunsIt() {
    h.fleet().add("node-a");
    h.create(pod("web", "nginx:1.27"));
    h.idle();

    JsonNode pod = h.pod("web");
    assertThat(pod.path("spec").path("nodeName").asString()).isEqualTo("node-a");
    assertThat(pod.path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(condition(pod, "Ready").path("status").asString()).isEqualTo("True");
    assertThat(scheduled(pod).path("status").asString()).isEqualTo("True");
    assertThat(pod.path("status").path("hostIP").asString()).isEqualTo("10.0.0.10");
    assertThat(pod.path("status").path("podIP").asString()).isEqualTo("10.244.0.2");
    assertThat(pod.path("status").path("startTime").asString()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(pod.path("status").path("qosClass").asString()).isEqualTo("BestEffort");
  }

  @Test
  void podStatusDefaultsWhenEnabled() {
    try (NodeHarness defaults = new NodeHarness(NodeSettings.defaults().withPodStatusDefaults(true))) {
      defaults.create(NodeHarness.podWithSpec("g", requests("1", "1Gi").replace("\"requests\"", "\"limits\"")));
      assertThat(defaults.pod("g").path("status").path("phase").asString()).isEqualTo("Pending");
      assertThat(defaults.pod("g").path("status").path("qosClass").asString()).isEqualTo("Guaranteed");
    }
  }

  @Test
  void insufficientCapacityIsUnschedulableWithTheSchedulersMessage() {
    h.fleet().add(NodeSpec.named("a").cpu("1")).add(NodeSpec.named("b").cpu("1"))
        .add(NodeSpec.named("c").cpu("8").taint("dedicated", "gpu", "NoSchedule"));
    h.create(NodeHarness.podWithSpec("big", requests("500m", "1Gi")));
    h.create(NodeHarness.podWithSpec("huge", requests("2", "1Gi")));
    h.idle();

    JsonNode c = scheduled(h.pod("huge"));
    assertThat(c.path("status").asString()).isEqualTo("False");
    assertThat(c.path("reason").asString()).isEqualTo("Unschedulable");
    assertThat(c.path("message").asString()).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
        + "{dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful "
        + "for scheduling, 2 No preemption victims found for incoming pod.");
    assertThat(h.pod("huge").path("status").path("phase").asString()).isEqualTo("Pending");
    assertThat(h.pod("big").path("spec").path("nodeName").asString()).isIn("a", "b");
  }

  @Test
  void capacityIsAccountedAcrossPodsAndRetriedWhenANodeArrives() {
    h.fleet().add(NodeSpec.named("a").cpu("1").memory("1Gi"));
    for (int i = 0; i < 3; i++) {
      h.create(NodeHarness.podWithSpec("p" + i, requests("400m", "100Mi")));
    }
    h.idle();
    assertThat(h.pod("p0").path("spec").path("nodeName").asString()).isEqualTo("a");
    assertThat(h.pod("p1").path("spec").path("nodeName").asString()).isEqualTo("a");
    assertThat(h.pod("p2").path("spec").has("nodeName")).isFalse();
    assertThat(scheduled(h.pod("p2")).path("message").asString())
        .startsWith("0/1 nodes are available: 1 Insufficient cpu.");

    h.fleet().add(NodeSpec.named("b").cpu("1"));
    h.idle();
    assertThat(h.pod("p2").path("spec").path("nodeName").asString()).isEqualTo("b");
    assertThat(scheduled(h.pod("p2")).path("status").asString()).isEqualTo("True");
  }

  @Test
  void deletingABoundPodFreesItsResources() {
    h.fleet().add(NodeSpec.named("a").cpu("1"));
    h.create(NodeHarness.podWithSpec("first", requests("800m", "10Mi")));
    h.create(NodeHarness.podWithSpec("second", requests("800m", "10Mi")));
    h.idle();
    assertThat(h.pod("second").path("spec").has("nodeName")).isFalse();

    h.api.delete(h.podType, "default", "first", null, false);
    h.idle();
    assertThat(h.pod("second").path("spec").path("nodeName").asString()).isEqualTo("a");
  }

  @Test
  void honoursNodeSelectorTaintsAndCordon() {
    h.fleet().add(NodeSpec.named("a").zone("z1").unschedulable())
        .add(NodeSpec.named("b").zone("z1").taint("dedicated", "gpu", "NoSchedule"))
        .add(NodeSpec.named("c").zone("z2"))
        .add(NodeSpec.named("d").zone("z1"));
    h.create(pod("zoned", "x", "\"nodeSelector\":{\"topology.kubernetes.io/zone\":\"z1\"}"));
    h.create(pod("gpu", "x", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"b\"},"
        + "\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]"));
    h.create(pod("nowhere", "x", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"a\"}"));
    h.idle();

    assertThat(h.pod("zoned").path("spec").path("nodeName").asString()).isEqualTo("d");
    assertThat(h.pod("gpu").path("spec").path("nodeName").asString()).isEqualTo("b");
    assertThat(scheduled(h.pod("nowhere")).path("message").asString()).isEqualTo("0/4 nodes are available: "
        + "1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 2 node(s) didn't match "
        + "Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for "
        + "scheduling.");

    h.fleet().uncordon("a");
    h.idle();
    assertThat(h.pod("nowhere").path("spec").path("nodeName").asString()).isEqualTo("a");
  }

  @Test
  void requiredNodeAffinity() {
    h.fleet().add(NodeSpec.named("a").label("tier", "1")).add(NodeSpec.named("b").label("tier", "3"));
    h.create(pod("aff", "x", "\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
        + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Gt\",\"values\":[\"2\"]}]}]}}}"));
    h.idle();
    assertThat(h.pod("aff").path("spec").path("nodeName").asString()).isEqualTo("b");
  }

  @Test
  void spreadsPodsOverEqualNodesDeterministically() {
    h.fleet().add("n1").add("n2").add("n3");
    for (int i = 0; i < 9; i++) {
      h.create(pod("p" + i, "x"));
    }
    h.idle();
    Map<String, Integer> perNode = new HashMap<>();
    for (int i = 0; i < 9; i++) {
      perNode.merge(h.pod("p" + i).path("spec").path("nodeName").asString(), 1, Integer::sum);
    }
    assertThat(perNode).containsEntry("n1", 3).containsEntry("n2", 3).containsEntry("n3", 3);
    assertThat(h.pod("p0").path("spec").path("nodeName").asString()).isEqualTo("n1");
  }

  @Test
  void noNodesAtAll() {
    h.create(pod("lonely", "x"));
    h.idle();
    assertThat(scheduled(h.pod("lonely")).path("message").asString()).isEqualTo("no nodes available to schedule pods");
  }

  @Test
  void addsDefaultTolerationsOnCreate() {
    h.create(pod("t", "x", "\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
        + "\"effect\":\"NoExecute\",\"tolerationSeconds\":60}]"));
    JsonNode tolerations = h.pod("t").path("spec").path("tolerations");
    assertThat(tolerations).hasSize(2);
    assertThat(tolerations.get(0).path("tolerationSeconds").asLong()).isEqualTo(60);
    assertThat(tolerations.get(1).toString()).isEqualTo("{\"key\":\"node.kubernetes.io/not-ready\","
        + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}");
  }
}
