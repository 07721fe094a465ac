package dev.keelson.core.internal.plan;

import tools.jackson.databind.JsonNode;

/**
 * When a written object counts as ready: Deployments, StatefulSets and DaemonSets rolled out (the new generation
 * observed, every replica updated, ready and available), Jobs complete. Other kinds are ready once written.
 */
public final class Readiness {

  /** Why the object is not ready yet; empty when it is. */
  public record State(boolean ready, boolean failed, String reason) {
    static State ok() {
      return new State(true, false, "");
    }

    static State waiting(String reason) {
      return new State(false, false, reason);
    }

    static State failed(String reason) {
      return new State(false, true, reason);
    }
  }

  private Readiness() {
  }

  /** True for the kinds this class knows how to wait for. */
  public static boolean isWaitable(String groupKind) {
    return switch (groupKind) {
      case "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "Job.batch" -> true;
      default -> false;
    };
  }

  public static State of(String groupKind, JsonNode object) {
    JsonNode status = object.path("status");
    long generation = object.path("metadata").path("generation").asLong(0);
    if (!groupKind.equals("Job.batch") && status.path("observedGeneration").asLong(-1) < generation) {
      return State.waiting("generation " + generation + " not observed yet");
    }
    return switch (groupKind) {
      case "Deployment.apps" -> deployment(object, status);
      case "StatefulSet.apps" -> replicas(object.path("spec").path("replicas").asInt(1), status.path(
          "updatedReplicas").asInt(0), status.path("readyReplicas").asInt(0), status.path("availableReplicas")
          .asInt(0), status.path("replicas").asInt(0));
      case "DaemonSet.apps" -> {
        int desired = status.path("desiredNumberScheduled").asInt(0);
        yield replicas(desired, status.path("updatedNumberScheduled").asInt(0), status.path("numberReady").asInt(0),
            status.path("numberAvailable").asInt(0), status.path("currentNumberScheduled").asInt(0));
      }
      case "Job.batch" -> job(status);
      default -> State.ok();
    };
  }

  private static State deployment(JsonNode object, JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asString("").equals("Progressing")
          && c.path("reason").asString("").equals("ProgressDeadlineExceeded")) {
        return State.failed("rollout exceeded its progress deadline: " + c.path("message").asString(""));
      }
    }
    return replicas(object.path("spec").path("replicas").asInt(1), status.path("updatedReplicas").asInt(0),
        status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0),
        status.path("replicas").asInt(0));
  }

  private static State replicas(int desired, int updated, int ready, int available, int total) {
    if (updated < desired) {
      return State.waiting(updated + " of " + desired + " replicas updated");
    }
    if (total > updated) {
      return State.waiting((total - updated) + " old replicas pending termination");
    }
    if (ready < desired) {
      return State.waiting(ready + " of " + desired + " updated replicas ready");
    }
    if (available < desired) {
      return State.waiting(available + " of " + desired + " updated replicas available");
    }
    return State.ok();
  }

  private static State job(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("status").asString("").equals("True")) {
        String type = c.path("type").asString("");
        if (type.equals("Complete")) {
          return State.ok();
        }
        if (type.equals("Failed")) {
          return State.failed("job failed: " + c.path("reason").asString("") + " " + c.path("message")
              .asString(""));
        }
      }
    }
    return State.waiting(status.path("succeeded").asInt(0) + " completions so far");
  }
}
