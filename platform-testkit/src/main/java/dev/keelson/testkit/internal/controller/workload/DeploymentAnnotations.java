package dev.keelson.testkit.internal.controller.workload;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Deployment controller's bookkeeping annotations (deployment_util.go): the revision and revision-history of
 * ReplicaSets, the desired-replicas and max-replicas annotations, and copying the Deployment's own annotations onto
 * its new ReplicaSet (all but {@link #SKIPPED}).
 */
final class DeploymentAnnotations {

  static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** {@code annotationsToSkip}. */
  static final Set<String> SKIPPED = Set.of(LAST_APPLIED, ReplicaSetView.REVISION, ReplicaSetView.REVISION_HISTORY,
      ReplicaSetView.DESIRED_REPLICAS, ReplicaSetView.MAX_REPLICAS, ROLLBACK_TO);
  /** {@code maxRevHistoryLengthInChars}. */
  static final int MAX_REVISION_HISTORY_CHARS = 2000;

  private DeploymentAnnotations() {
  }

  /**
   * A copy of a stored object (read only) in which annotations may be set and top-level fields replaced: its root,
   * metadata and annotations objects are its own, everything else is the stored object's and must not be changed.
   */
  static ObjectNode editableCopy(ObjectNode stored) {
    ObjectNode copy = stored.objectNode();
    copy.setAll(stored);
    if (stored.get("metadata") instanceof ObjectNode meta) {
      ObjectNode metadata = copy.putObject("metadata");
      metadata.setAll(meta);
      if (meta.get("annotations") instanceof ObjectNode annotations) {
        metadata.set("annotations", annotations.deepCopy());
      }
    }
    return copy;
  }

  static ObjectNode annotations(ObjectNode object) {
    return Nodes.object(Nodes.object(object, "metadata"), "annotations");
  }

  /**
   * {@code SetNewReplicaSetAnnotations}: copies the Deployment's annotations, raises the revision to
   * {@code newRevision} (recording the old one in revision-history when the ReplicaSet is re-used), and for a
   * ReplicaSet about to be created sets desired/max replicas.
   *
   * @return whether the ReplicaSet's annotations changed
   */
  static boolean setNewReplicaSetAnnotations(JsonNode deployment, DeploymentParameters p, ObjectNode rs,
      long newRevision, boolean exists) {
    boolean changed = copyDeploymentAnnotations(deployment, rs);
    ObjectNode annotations = annotations(rs);
    JsonNode oldNode = annotations.get(ReplicaSetView.REVISION);
    String oldRevision = oldNode != null && oldNode.isString() ? oldNode.asString() : null;
    long old = 0;
    if (oldRevision != null && !oldRevision.isEmpty()) {
      try {
        old = Long.parseLong(oldRevision);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (old < newRevision) {
      annotations.put(ReplicaSetView.REVISION, Long.toString(newRevision));
      changed = true;
      if (oldRevision != null) {
        appendHistory(annotations, oldRevision);
      }
    }
    if (!exists && setReplicasAnnotations(rs, p.replicas(), p.maxReplicas())) {
      changed = true;
    }
    return changed;
  }

  private static void appendHistory(ObjectNode annotations, String oldRevision) {
    JsonNode existing = annotations.get(ReplicaSetView.REVISION_HISTORY);
    String history = existing != null && existing.isString() ? existing.asString() : "";
    if (history.isEmpty()) {
      annotations.put(ReplicaSetView.REVISION_HISTORY, oldRevision);
      return;
    }
    String[] old = history.split(",", -1);
    int total = history.length() + oldRevision.length() + 1;
    int start = 0;
    while (total > MAX_REVISION_HISTORY_CHARS && start < old.length) {
      total -= old[start].length() + 1;
      start++;
    }
    if (total <= MAX_REVISION_HISTORY_CHARS) {
      StringBuilder kept = new StringBuilder();
      for (int i = start; i < old.length; i++) {
        kept.append(old[i]).append(',');
      }
      annotations.put(ReplicaSetView.REVISION_HISTORY, kept.append(oldRevision).toString());
    }
  }

  /** {@code copyDeploymentAnnotationsToReplicaSet}. */
  static boolean copyDeploymentAnnotations(JsonNode deployment, ObjectNode rs) {
    JsonNode from = Nodes.at(deployment, "metadata", "annotations");
    ObjectNode to = annotations(rs);
    boolean changed = false;
    if (from != null && from.isObject()) {
      for (var e : from.properties()) {
        if (SKIPPED.contains(e.getKey()) || JsonEquality.equal(to.get(e.getKey()), e.getValue())) {
          continue;
        }
        to.set(e.getKey(), e.getValue().deepCopy());
        changed = true;
      }
    }
    return changed;
  }

  /** {@code SetReplicasAnnotations}. */
  static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
    ObjectNode annotations = annotations(rs);
    boolean changed = false;
    if (!Integer.toString(desired).equals(Nodes.stringAt(annotations, ReplicaSetView.DESIRED_REPLICAS))) {
      annotations.put(ReplicaSetView.DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(Nodes.stringAt(annotations, ReplicaSetView.MAX_REPLICAS))) {
      annotations.put(ReplicaSetView.MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    return changed;
  }

  /** {@code ReplicasAnnotationsNeedUpdate}. */
  static boolean replicasAnnotationsNeedUpdate(ReplicaSetView rs, int desired, int max) {
    return !Integer.toString(desired).equals(rs.annotation(ReplicaSetView.DESIRED_REPLICAS))
        || !Integer.toString(max).equals(rs.annotation(ReplicaSetView.MAX_REPLICAS));
  }

  /** {@code SetDeploymentRevision}: returns whether the Deployment's revision annotation changed. */
  static boolean setDeploymentRevision(ObjectNode deployment, String revision) {
    if (revision == null
        || revision.equals(Nodes.stringAt(deployment, "metadata", "annotations", ReplicaSetView.REVISION))) {
      return false;
    }
    annotations(deployment).put(ReplicaSetView.REVISION, revision);
    return true;
  }
}
