package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Deployment status arithmetic of sync.go and deployment_util.go: {@code calculateStatus} (counters, collision
 * count, the Available condition) and the predicates {@code DeploymentComplete}, {@code DeploymentProgressing} and
 * {@code DeploymentTimedOut}. Zero counters are left out, as the API serialises {@code DeploymentStatus}.
 */
final class DeploymentStatuses {

  static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String NEW_REPLICA_SET = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";

  private DeploymentStatuses() {
  }

  /**
   * {@code calculateStatus}.
   *
   * @param all every ReplicaSet the Deployment owns (old and new)
   * @param newRs the new ReplicaSet, or null
   */
  static ObjectNode calculate(JsonNode deployment, DeploymentParameters p, List<ReplicaSetView> all,
      ReplicaSetView newRs, String now) {
    int available = 0;
    int specTotal = 0;
    int replicas = 0;
    int ready = 0;
    Integer terminating = 0;
    for (ReplicaSetView rs : all) {
      available += rs.availableReplicas();
      specTotal += rs.specReplicas();
      replicas += rs.statusReplicas();
      ready += rs.readyReplicas();
      Integer t = rs.terminatingReplicas();
      terminating = terminating == null || t == null ? null : terminating + t;
    }
    ObjectNode status = Json.object();
    long generation = Nodes.longAt(deployment, 0, "metadata", "generation");
    if (generation != 0) {
      status.put("observedGeneration", generation);
    }
    Nodes.putOmitEmpty(status, "replicas", replicas);
    Nodes.putOmitEmpty(status, "updatedReplicas", newRs == null ? 0 : newRs.statusReplicas());
    Nodes.putOmitEmpty(status, "readyReplicas", ready);
    Nodes.putOmitEmpty(status, "availableReplicas", available);
    Nodes.putOmitEmpty(status, "unavailableReplicas", Math.max(0, specTotal - available));
    if (terminating != null) {
      status.put("terminatingReplicas", terminating);
    }
    ArrayNode conditions = status.putArray("conditions");
    JsonNode old = Nodes.at(deployment, "status", "conditions");
    if (old != null && old.isArray()) {
      for (JsonNode c : old) {
        conditions.add(c.deepCopy());
      }
    }
    JsonNode collisions = Nodes.at(deployment, "status", "collisionCount");
    if (collisions != null) {
      status.set("collisionCount", collisions.deepCopy());
    }
    if (available >= p.replicas() - p.maxUnavailable()) {
      Conditions.set(conditions, Conditions.deployment(Conditions.AVAILABLE, "True", MINIMUM_REPLICAS_AVAILABLE,
          "Deployment has minimum availability.", now), true);
    } else {
      Conditions.set(conditions, Conditions.deployment(Conditions.AVAILABLE, "False",
          MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", now), true);
    }
    return status;
  }

  static int count(JsonNode status, String field) {
    return Nodes.intAt(status, 0, field);
  }

  /** {@code DeploymentComplete}: every desired replica updated and available, no old ones left, generation seen. */
  static boolean complete(JsonNode deployment, DeploymentParameters p, JsonNode status) {
    return count(status, "updatedReplicas") == p.replicas() && count(status, "replicas") == p.replicas()
        && count(status, "availableReplicas") == p.replicas()
        && Nodes.longAt(status, 0, "observedGeneration") >= Nodes.longAt(deployment, 0, "metadata", "generation");
  }

  /** {@code DeploymentProgressing}: more updated, fewer old, more ready or more available replicas than before. */
  static boolean progressing(JsonNode oldStatus, JsonNode newStatus) {
    int oldOld = count(oldStatus, "replicas") - count(oldStatus, "updatedReplicas");
    int newOld = count(newStatus, "replicas") - count(newStatus, "updatedReplicas");
    return count(newStatus, "updatedReplicas") > count(oldStatus, "updatedReplicas") || newOld < oldOld
        || count(newStatus, "readyReplicas") > count(oldStatus, "readyReplicas")
        || count(newStatus, "availableReplicas") > count(oldStatus, "availableReplicas");
  }

  /**
   * {@code DeploymentTimedOut}: the Progressing condition already says ProgressDeadlineExceeded, or its
   * lastUpdateTime plus the deadline is strictly before now (never after NewReplicaSetAvailable).
   */
  static boolean timedOut(DeploymentParameters p, JsonNode status, Instant now) {
    if (!p.hasProgressDeadline()) {
      return false;
    }
    JsonNode condition = Conditions.find(Nodes.at(status, "conditions"), Conditions.PROGRESSING);
    if (condition == null) {
      return false;
    }
    String reason = condition.path("reason").asString("");
    if (reason.equals(NEW_RS_AVAILABLE)) {
      return false;
    }
    if (reason.equals(TIMED_OUT)) {
      return true;
    }
    Instant from = Nodes.instantAt(condition, "lastUpdateTime");
    return from != null && from.plusSeconds(p.progressDeadlineSeconds()).isBefore(now);
  }
}
