package dev.keelson.testkit.internal.controller.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scheduling decision, computed from the {@link ClusterState} under its lock: the default profile's filters
 * in their order (NodeUnschedulable, TaintToleration, NodeAffinity incl. nodeSelector, NodeResourcesFit), the
 * LeastAllocated + BalancedAllocation scores with ties broken by node name, and — when nothing fits — the
 * {@code FitError} message with its preemption part, as kube-scheduler writes it.
 *
 * @param node the chosen node, or null
 * @param message the {@code PodScheduled=False/Unschedulable} message when no node fits
 */
record Placement(String node, String message) {

  static final String NO_NODES = "no nodes available to schedule pods";
  private static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  private static final String NO_VICTIMS = "No preemption victims found for incoming pod";

  /** Why one node was filtered out: the failing plugin's reasons; resources failures may be preempted away. */
  private record Rejection(List<String> reasons, boolean resources) {
  }

  /** Decides; the caller holds the monitor of {@code state}. */
  static Placement decide(PodInfo pod, ClusterState state) {
    TreeMap<String, NodeInfo> nodes = state.nodesLocked();
    if (nodes.isEmpty()) {
      return new Placement(null, NO_NODES);
    }
    String best = null;
    double bestScore = -1;
    Map<String, Integer> reasons = new TreeMap<>();
    Map<String, Integer> preemption = new TreeMap<>();
    for (NodeInfo node : nodes.values()) {
      ClusterState.Usage used = state.usageLocked(node.name());
      Rejection r = filter(pod, node, used);
      if (r == null) {
        double score = score(pod, node, used);
        if (score > bestScore) {
          bestScore = score;
          best = node.name();
        }
      } else {
        r.reasons().forEach(reason -> reasons.merge(reason, 1, Integer::sum));
        preemption.merge(r.resources() ? NO_VICTIMS : NOT_HELPFUL, 1, Integer::sum);
      }
    }
    if (best != null) {
      return new Placement(best, null);
    }
    String all = "0/" + nodes.size() + " nodes are available";
    String message = all + ": " + histogram(reasons) + ".";
    message += pod.preemptionNever() ? " preemption: not eligible due to preemptionPolicy=Never."
        : " preemption: " + all + ": " + histogram(preemption) + ".";
    return new Placement(null, message);
  }

  /** {@code sortReasonsHistogram}: "count reason" strings sorted as strings, joined with ", ". */
  private static String histogram(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((reason, n) -> parts.add(n + " " + reason));
    parts.sort(null);
    return String.join(", ", parts);
  }

  private static Rejection filter(PodInfo pod, NodeInfo node, ClusterState.Usage used) {
    if (node.unschedulable() && !Toleration.tolerated(pod.tolerations(),
        new Taint(Taint.UNSCHEDULABLE, "", Taint.NO_SCHEDULE))) {
      return new Rejection(List.of("node(s) were unschedulable"), false);
    }
    for (Taint t : node.taints()) {
      if ((t.effect().equals(Taint.NO_SCHEDULE) || t.effect().equals(Taint.NO_EXECUTE))
          && !Toleration.tolerated(pod.tolerations(), t)) {
        return new Rejection(List.of("node(s) had untolerated taint " + t.describe()), false);
      }
    }
    if (!selectorMatches(pod, node)) {
      return new Rejection(List.of("node(s) didn't match Pod's node affinity/selector"), false);
    }
    List<String> insufficient = new ArrayList<>(3);
    if (used.pods + 1 > node.pods()) {
      insufficient.add("Too many pods");
    }
    if (pod.cpuMilli() > 0 && pod.cpuMilli() > node.cpuMilli() - used.cpuMilli) {
      insufficient.add("Insufficient cpu");
    }
    if (pod.memory() > 0 && pod.memory() > node.memory() - used.memory) {
      insufficient.add("Insufficient memory");
    }
    return insufficient.isEmpty() ? null : new Rejection(insufficient, true);
  }

  private static boolean selectorMatches(PodInfo pod, NodeInfo node) {
    for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
      if (!e.getValue().equals(node.labels().get(e.getKey()))) {
        return false;
      }
    }
    return pod.affinity() == null || pod.affinity().matches(node.name(), node.labels());
  }

  /** LeastAllocated plus BalancedAllocation over cpu and memory, each 0..100, with non-zero requests. */
  private static double score(PodInfo pod, NodeInfo node, ClusterState.Usage used) {
    double cpu = fraction(used.nonZeroCpuMilli + pod.nonZeroCpuMilli(), node.cpuMilli());
    double mem = fraction(used.nonZeroMemory + pod.nonZeroMemory(), node.memory());
    double least = ((1 - cpu) + (1 - mem)) * 50;
    double balanced = (1 - Math.abs(cpu - mem) / 2) * 100;
    return least + balanced;
  }

  private static double fraction(long requested, long allocatable) {
    if (allocatable <= 0) {
      return 1;
    }
    return Math.min(1, (double) requested / allocatable);
  }
}
