package dev.keelson.testkit.internal.controller.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which pods a ReplicaSet deletes first when it scales down ({@code getPodsToDelete} with
 * {@code ActivePodsWithRanks.Less}, PodDeletionCost and LogarithmicScaleDown on): unscheduled before scheduled;
 * Pending before Unknown before Running; not Ready before Ready; lower {@code controller.kubernetes.io/pod-deletion-cost}
 * first; more pods of the same owner on the node first; more recently Ready first (log2 buckets of age); more
 * container restarts first; newer first (log2 buckets); then by uid.
 */
final class PodDeletionRanking {

  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private record Ranked(ObjectNode pod, String node, int phase, boolean ready, int cost, int rank, Instant readySince,
      int restarts, int sidecarRestarts, Instant created, String uid) {
  }

  private PodDeletionRanking() {
  }

  /**
   * The {@code count} pods to delete.
   *
   * @param candidates the ReplicaSet's active pods
   * @param related active pods of every ReplicaSet with the same controller (for the co-location rank)
   */
  static List<ObjectNode> podsToDelete(List<ObjectNode> candidates, List<ObjectNode> related, int count,
      Instant now) {
    if (count >= candidates.size()) {
      return new ArrayList<>(candidates);
    }
    Map<String, Integer> podsOnNode = new HashMap<>();
    for (ObjectNode pod : related) {
      if (PodState.active(pod)) {
        podsOnNode.merge(nodeName(pod), 1, Integer::sum);
      }
    }
    List<Ranked> ranked = new ArrayList<>(candidates.size());
    for (ObjectNode pod : candidates) {
      int[] restarts = restarts(pod);
      ranked.add(new Ranked(pod, nodeName(pod), phaseOrdinal(PodState.phase(pod)), PodState.ready(pod),
          deletionCost(pod), podsOnNode.getOrDefault(nodeName(pod), 0), PodState.readySince(pod), restarts[0],
          restarts[1], Nodes.instantAt(pod, "metadata", "creationTimestamp"),
          Nodes.stringAt(pod, "metadata", "uid")));
    }
    ranked.sort(order(now));
    List<ObjectNode> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(ranked.get(i).pod());
    }
    return out;
  }

  private static Comparator<Ranked> order(Instant now) {
    return (a, b) -> {
      if (!a.node().equals(b.node()) && (a.node().isEmpty() || b.node().isEmpty())) {
        return a.node().isEmpty() ? -1 : 1;
      }
      if (a.phase() != b.phase()) {
        return Integer.compare(a.phase(), b.phase());
      }
      if (a.ready() != b.ready()) {
        return a.ready() ? 1 : -1;
      }
      if (a.cost() != b.cost()) {
        return Integer.compare(a.cost(), b.cost());
      }
      if (a.rank() != b.rank()) {
        return Integer.compare(b.rank(), a.rank());
      }
      if (a.ready() && b.ready() && !same(a.readySince(), b.readySince())) {
        int c = compareTimes(a.readySince(), b.readySince(), a.uid(), b.uid(), now);
        if (c != 0) {
          return c;
        }
      }
      if (a.restarts() != b.restarts()) {
        return Integer.compare(b.restarts(), a.restarts());
      }
      if (a.sidecarRestarts() != b.sidecarRestarts()) {
        return Integer.compare(b.sidecarRestarts(), a.sidecarRestarts());
      }
      if (!same(a.created(), b.created())) {
        return compareTimes(a.created(), b.created(), a.uid(), b.uid(), now);
      }
      return 0;
    };
  }

  /** Zero times first, then by log2 bucket of age (younger first), ties by uid. */
  private static int compareTimes(Instant a, Instant b, String uidA, String uidB, Instant now) {
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    long diff = logBucket(a, now) - logBucket(b, now);
    if (diff == 0) {
      return String.valueOf(uidA).compareTo(String.valueOf(uidB));
    }
    return diff < 0 ? -1 : 1;
  }

  /** {@code logarithmicRankDiff}'s bucket: floor(log2(age in nanoseconds)), -1 for no age. */
  private static long logBucket(Instant t, Instant now) {
    long nanos = saturatedNanos(Duration.between(t, now));
    return nanos > 0 ? 63 - Long.numberOfLeadingZeros(nanos) : -1;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static boolean same(Instant a, Instant b) {
    return a == null ? b == null : a.equals(b);
  }

  private static String nodeName(JsonNode pod) {
    String node = Nodes.stringAt(pod, "spec", "nodeName");
    return node == null ? "" : node;
  }

  /** {@code podPhaseToOrdinal}: Pending 0, Unknown 1, Running 2; anything else 0. */
  private static int phaseOrdinal(String phase) {
    return switch (phase) {
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0;
    };
  }

  private static int deletionCost(JsonNode pod) {
    String v = Nodes.stringAt(pod, "metadata", "annotations", DELETION_COST);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Max restart count of regular containers and of sidecar (restartable init) containers. */
  private static int[] restarts(JsonNode pod) {
    int regular = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      regular = Math.max(regular, s.path("restartCount").asInt(0));
    }
    int sidecar = 0;
    JsonNode inits = pod.path("spec").path("initContainers");
    for (JsonNode s : pod.path("status").path("initContainerStatuses")) {
      String name = s.path("name").asString("");
      for (JsonNode c : inits) {
        if (name.equals(c.path("name").asString("")) && "Always".equals(c.path("restartPolicy").asString(""))) {
          sidecar = Math.max(sidecar, s.path("restartCount").asInt(0));
        }
      }
    }
    return new int[] {regular, sidecar};
  }
}
