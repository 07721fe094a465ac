package dev.keelson.testkit.internal.controller.workload;

import java.time.Instant;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ReplicaSet owned by the Deployment being synced: the stored object (read only), copied the first time the
 * sync edits it ({@link #editable}), with cheap accessors for the fields the rollout arithmetic reads. After a write
 * the Deployment controller swaps in the server's answer ({@link #replace}), so later steps of the same sync see the
 * new spec.
 */
final class ReplicaSetView {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  /** {@code ReplicaSetsByCreationTimestamp}: older first, then by name. */
  static final Comparator<ReplicaSetView> BY_CREATION = Comparator.comparing(ReplicaSetView::created)
      .thenComparing(ReplicaSetView::name);

  /** {@code ReplicaSetsBySizeOlder}: larger first, ties older first (scaling down). */
  static final Comparator<ReplicaSetView> BY_SIZE_OLDER = Comparator
      .comparingInt((ReplicaSetView rs) -> -rs.specReplicas()).thenComparing(BY_CREATION);

  /** {@code ReplicaSetsBySizeNewer}: larger first, ties newer first (scaling up). */
  static final Comparator<ReplicaSetView> BY_SIZE_NEWER = Comparator
      .comparingInt((ReplicaSetView rs) -> -rs.specReplicas()).thenComparing(BY_CREATION.reversed());

  /** {@code ReplicaSetsByRevision}: lower revision first; unparsable or equal revisions by creation. */
  static final Comparator<ReplicaSetView> BY_REVISION = (a, b) -> {
    Long ra = a.revision();
    Long rb = b.revision();
    if (ra == null || rb == null || ra.equals(rb)) {
      return BY_CREATION.compare(a, b);
    }
    return Long.compare(ra, rb);
  };

  private ObjectNode object;
  private boolean own;
  private Instant created;

  /** A view of a stored object (or of any object nobody modifies). */
  ReplicaSetView(ObjectNode object) {
    this.object = object;
  }

  /** The ReplicaSet, read only. */
  ObjectNode object() {
    return object;
  }

  /** The ReplicaSet to edit in place: a copy of the stored object, made on first use. */
  ObjectNode editable() {
    if (!own) {
      object = object.deepCopy();
      own = true;
    }
    return object;
  }

  /** Takes the server's answer to a write (read only). */
  void replace(ObjectNode updated) {
    this.object = updated;
    this.own = false;
  }

  String name() {
    return Nodes.stringAt(object, "metadata", "name");
  }

  String uid() {
    return Nodes.stringAt(object, "metadata", "uid");
  }

  Instant created() {
    if (created == null) {
      Instant t = Nodes.instantAt(object, "metadata", "creationTimestamp");
      created = t == null ? Instant.EPOCH : t;
    }
    return created;
  }

  boolean deleting() {
    return Nodes.at(object, "metadata", "deletionTimestamp") != null;
  }

  long generation() {
    return Nodes.longAt(object, 0, "metadata", "generation");
  }

  /** {@code *spec.replicas}; the API server defaults it to 1. */
  int specReplicas() {
    return Nodes.intAt(object, 1, "spec", "replicas");
  }

  int statusReplicas() {
    return Nodes.intAt(object, 0, "status", "replicas");
  }

  int readyReplicas() {
    return Nodes.intAt(object, 0, "status", "readyReplicas");
  }

  int availableReplicas() {
    return Nodes.intAt(object, 0, "status", "availableReplicas");
  }

  Integer terminatingReplicas() {
    return Nodes.optionalInt(object, "status", "terminatingReplicas");
  }

  long observedGeneration() {
    return Nodes.longAt(object, 0, "status", "observedGeneration");
  }

  JsonNode template() {
    return Nodes.at(object, "spec", "template");
  }

  String annotation(String key) {
    return Nodes.stringAt(object, "metadata", "annotations", key);
  }

  /** {@code deploymentutil.Revision}: 0 when absent, null when unparsable. */
  Long revision() {
    String v = annotation(REVISION);
    if (v == null) {
      return 0L;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An integer annotation ({@code getIntFromAnnotation}), or null when absent or unparsable. */
  Integer intAnnotation(String key) {
    String v = annotation(key);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code FilterActiveReplicaSets}: spec.replicas above zero. */
  boolean active() {
    return specReplicas() > 0;
  }

  JsonNode conditions() {
    return Nodes.at(object, "status", "conditions");
  }
}
