package dev.keelson.testkit.internal.controller.workload;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the ReplicaSet controller reads from a pod ({@code podutil.IsPodReady}, {@code IsPodAvailable},
 * {@code controller.IsPodActive}, {@code FilterTerminatingPods}).
 */
final class PodState {

  private PodState() {
  }

  static String phase(JsonNode pod) {
    String phase = Nodes.stringAt(pod, "status", "phase");
    return phase == null ? "" : phase;
  }

  static boolean terminal(JsonNode pod) {
    String phase = phase(pod);
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  static boolean deleting(JsonNode pod) {
    return Nodes.at(pod, "metadata", "deletionTimestamp") != null;
  }

  /** {@code IsPodActive}: not terminal and not being deleted. */
  static boolean active(JsonNode pod) {
    return !terminal(pod) && !deleting(pod);
  }

  /** Being deleted but not terminal: counted in {@code status.terminatingReplicas}. */
  static boolean terminating(JsonNode pod) {
    return deleting(pod) && !terminal(pod);
  }

  /** The {@code Ready} condition, or null. */
  static JsonNode readyCondition(JsonNode pod) {
    JsonNode conditions = Nodes.at(pod, "status", "conditions");
    if (conditions == null || !conditions.isArray()) {
      return null;
    }
    for (JsonNode c : conditions) {
      if ("Ready".equals(c.path("type").asString(""))) {
        return c;
      }
    }
    return null;
  }

  static boolean ready(JsonNode pod) {
    JsonNode c = readyCondition(pod);
    return c != null && "True".equals(c.path("status").asString(""));
  }

  /** The Ready condition's lastTransitionTime when the pod is Ready, else null. */
  static Instant readySince(JsonNode pod) {
    JsonNode c = readyCondition(pod);
    if (c == null || !"True".equals(c.path("status").asString(""))) {
      return null;
    }
    return Nodes.instantAt(c, "lastTransitionTime");
  }

  /**
   * When a Ready pod becomes available: now for {@code minReadySeconds == 0}, else the first instant after
   * {@code lastTransitionTime + minReadySeconds}; null when not Ready or when the transition time is unknown.
   */
  static Instant availableFrom(JsonNode pod, int minReadySeconds) {
    if (!ready(pod)) {
      return null;
    }
    if (minReadySeconds == 0) {
      return Instant.MIN;
    }
    Instant since = readySince(pod);
    return since == null ? null : since.plusSeconds(minReadySeconds).plusNanos(1);
  }

  /** {@code IsPodAvailable}: Ready, and Ready for strictly longer than minReadySeconds. */
  static boolean available(JsonNode pod, int minReadySeconds, Instant now) {
    Instant from = availableFrom(pod, minReadySeconds);
    return from != null && !now.isBefore(from);
  }
}
