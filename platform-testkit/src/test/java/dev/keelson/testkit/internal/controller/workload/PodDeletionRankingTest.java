package dev.keelson.testkit.internal.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PodDeletionRankingTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static ObjectNode pod(String name, String node, String phase, String readySince, String created) {
    ObjectNode pod = Json.object();
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", name);
    meta.put("uid", "uid-" + name);
    meta.put("creationTimestamp", created);
    if (node != null) {
      pod.putObject("spec").put("nodeName", node);
    }
    ObjectNode status = pod.putObject("status");
    if (phase != null) {
      status.put("phase", phase);
    }
    if (readySince != null) {
      ObjectNode ready = status.putArray("conditions").addObject();
      ready.put("type", "Ready");
      ready.put("status", "True");
      ready.put("lastTransitionTime", readySince);
    }
    return pod;
  }

  private static List<String> order(List<ObjectNode> pods, List<ObjectNode> related) {
    return PodDeletionRanking.podsToDelete(pods, related, pods.size() - 1, NOW).stream()
        .map(WorkloadCluster::name).toList();
  }

  @Test
  void unscheduledPendingAndUnreadyPodsGoFirst() {
    ObjectNode running = pod("running", "n1", "Running", "2026-01-01T10:00:00Z", "2026-01-01T09:00:00Z");
    ObjectNode notReady = pod("not-ready", "n1", "Running", null, "2026-01-01T09:00:00Z");
    ObjectNode pending = pod("pending", "n1", "Pending", null, "2026-01-01T09:00:00Z");
    ObjectNode unscheduled = pod("unscheduled", null, "Pending", null, "2026-01-01T09:00:00Z");
    List<ObjectNode> pods = List.of(running, notReady, pending, unscheduled);
    assertThat(order(pods, pods)).containsExactly("unscheduled", "pending", "not-ready");
  }

  @Test
  void deletionCostThenCoLocationThenReadyAgeThenCreation() {
    ObjectNode cheap = pod("cheap", "n1", "Running", "2026-01-01T10:00:00Z", "2026-01-01T09:00:00Z");
    Json.metadata(cheap).putObject("annotations").put(PodDeletionRanking.DELETION_COST, "-1");
    ObjectNode crowded = pod("crowded", "n2", "Running", "2026-01-01T10:00:00Z", "2026-01-01T09:00:00Z");
    ObjectNode neighbour = pod("neighbour", "n2", "Running", "2026-01-01T10:00:00Z", "2026-01-01T09:00:00Z");
    ObjectNode fresh = pod("fresh", "n3", "Running", "2026-01-01T11:59:00Z", "2026-01-01T09:00:00Z");
    ObjectNode old = pod("old", "n4", "Running", "2026-01-01T01:00:00Z", "2026-01-01T00:00:00Z");
    List<ObjectNode> pods = List.of(old, fresh, crowded, cheap);
    List<ObjectNode> related = List.of(old, fresh, crowded, neighbour, cheap);
    assertThat(order(pods, related)).containsExactly("cheap", "crowded", "fresh");
  }
}
