package dev.keelson.testkit.internal.controller.workload;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The legacy rollback of rollback.go, requested with the {@code deprecated.deployment.rollback.to} annotation
 * (the round-tripped {@code spec.rollbackTo} of extensions/v1beta1): copies the pod template of the ReplicaSet with
 * that revision (0 = the previous one) back into the Deployment and clears the annotation. Current kubectl rolls
 * back by patching the template instead, which needs nothing from this class.
 */
final class DeploymentRollback {

  private DeploymentRollback() {
  }

  /** The requested revision, or null when no (parsable) rollback is requested. */
  static Long requested(JsonNode deployment) {
    String v = Nodes.stringAt(deployment, "metadata", "annotations", DeploymentAnnotations.ROLLBACK_TO);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static void rollback(DeploymentSync sync) {
    DeploymentSync.ReplicaSets sets = sync.replicaSets(true);
    List<ReplicaSetView> all = sets.all();
    long revision = requested(sync.deployment());
    if (revision == 0) {
      revision = lastRevision(all);
      if (revision == 0) {
        warn(sync, "Unable to find last revision.");
        clear(sync, sync.deployment().deepCopy());
        return;
      }
    }
    for (ReplicaSetView rs : all) {
      Long v = rs.revision();
      if (v != null && v == revision) {
        ObjectNode d = sync.deployment().deepCopy();
        if (!TemplateEquality.equalIgnoringHash(Nodes.at(d, "spec", "template"), rs.template())) {
          ObjectNode template = (ObjectNode) rs.template().deepCopy();
          ObjectNode labels = (ObjectNode) Nodes.at(template, "metadata", "labels");
          if (labels != null) {
            labels.remove(TemplateEquality.HASH_LABEL);
          }
          Nodes.object(d, "spec").set("template", template);
          copyAnnotationsFrom(d, rs);
          clear(sync, d);
          sync.context().events().normal(sync.deployment(), "DeploymentRollback",
              "Rolled back deployment " + DeploymentSync.quote(sync.name()) + " to revision " + revision);
        } else {
          sync.context().events().warning(sync.deployment(), "DeploymentRollbackTemplateUnchanged",
              "The rollback revision contains the same template as current deployment "
                  + DeploymentSync.quote(sync.name()));
          clear(sync, d);
        }
        return;
      }
    }
    warn(sync, "Unable to find the revision to rollback to.");
    clear(sync, sync.deployment().deepCopy());
  }

  /** {@code LastRevision}: the second highest revision. */
  private static long lastRevision(List<ReplicaSetView> all) {
    long max = 0;
    long second = 0;
    for (ReplicaSetView rs : all) {
      Long v = rs.revision();
      if (v == null) {
        continue;
      }
      if (v >= max) {
        second = max;
        max = v;
      } else if (v > second) {
        second = v;
      }
    }
    return second;
  }

  /** {@code SetDeploymentAnnotationsTo}: the ReplicaSet's annotations replace all but the skipped ones. */
  private static void copyAnnotationsFrom(ObjectNode d, ReplicaSetView rs) {
    ObjectNode annotations = DeploymentAnnotations.annotations(d);
    for (String key : List.copyOf(annotations.propertyNames())) {
      if (!DeploymentAnnotations.SKIPPED.contains(key)) {
        annotations.remove(key);
      }
    }
    JsonNode from = Nodes.at(rs.object(), "metadata", "annotations");
    if (from != null) {
      for (var e : from.properties()) {
        if (!DeploymentAnnotations.SKIPPED.contains(e.getKey())) {
          annotations.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
  }

  private static void warn(DeploymentSync sync, String message) {
    sync.context().events().warning(sync.deployment(), "DeploymentRollbackRevisionNotFound", message);
  }

  /** {@code updateDeploymentAndClearRollbackTo}. */
  private static void clear(DeploymentSync sync, ObjectNode d) {
    ObjectNode annotations = DeploymentAnnotations.annotations(d);
    annotations.remove(DeploymentAnnotations.ROLLBACK_TO);
    sync.updateDeployment(d);
  }
}
