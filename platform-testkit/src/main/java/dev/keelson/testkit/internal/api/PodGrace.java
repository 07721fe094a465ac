package dev.keelson.testkit.internal.api;

import tools.jackson.databind.JsonNode;

/**
 * The grace period of a deletion, as the pod registry's {@code CheckGracefulDelete} decides it: only pods are
 * deleted gracefully; the period is the request's, else the pod's {@code terminationGracePeriodSeconds}, else 30 s;
 * a pod no node runs (unscheduled) or that has finished ({@code Succeeded} / {@code Failed}) goes at once; a
 * negative period counts as 1 s.
 */
final class PodGrace {

  /** {@code v1.DefaultTerminationGracePeriodSeconds}. */
  static final long DEFAULT_SECONDS = 30;

  private PodGrace() {
  }

  static long period(ResourceType type, JsonNode object, Long requested) {
    if (!type.group().isEmpty() || !type.plural().equals("pods")) {
      return 0;
    }
    JsonNode spec = object.path("spec");
    if (spec.path("nodeName").asString("").isEmpty()) {
      return 0;
    }
    String phase = object.path("status").path("phase").asString("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    JsonNode own = spec.get("terminationGracePeriodSeconds");
    long period = requested != null ? requested : own != null && own.isNumber() ? own.asLong() : DEFAULT_SECONDS;
    // A negative period is taken as the shortest graceful one.
    return period < 0 ? 1 : period;
  }
}
