package dev.keelson.core.internal.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** What the inventory reads from each workload kind: its pod template, and how many replicas it wants and has. */
final class Workloads {

  /** Desired and ready replicas; both null for kinds without replicas. */
  record Replicas(Integer desired, Integer ready) {
    static final Replicas NONE = new Replicas(null, null);
  }

  private Workloads() {
  }

  static PodSpec podSpec(HasMetadata workload) {
    PodTemplateSpec template = template(workload);
    return template == null ? null : template.getSpec();
  }

  static Replicas replicas(HasMetadata workload) {
    if (workload instanceof Deployment d && d.getSpec() != null) {
      return new Replicas(orOne(d.getSpec().getReplicas()), d.getStatus() == null ? 0
          : orZero(d.getStatus().getReadyReplicas()));
    }
    if (workload instanceof StatefulSet s && s.getSpec() != null) {
      return new Replicas(orOne(s.getSpec().getReplicas()), s.getStatus() == null ? 0
          : orZero(s.getStatus().getReadyReplicas()));
    }
    if (workload instanceof ReplicaSet r && r.getSpec() != null) {
      return new Replicas(orOne(r.getSpec().getReplicas()), r.getStatus() == null ? 0
          : orZero(r.getStatus().getReadyReplicas()));
    }
    if (workload instanceof DaemonSet d) {
      return d.getStatus() == null ? new Replicas(0, 0)
          : new Replicas(orZero(d.getStatus().getDesiredNumberScheduled()), orZero(d.getStatus().getNumberReady()));
    }
    return Replicas.NONE;
  }

  /**
   * Whether a controlled workload has pods of its own to run: a ReplicaSet scaled above zero (an old revision kept
   * at zero for rollback runs nothing), a Job not yet complete or failed.
   */
  static boolean isActive(HasMetadata workload) {
    if (workload instanceof ReplicaSet r) {
      return r.getSpec() != null && orOne(r.getSpec().getReplicas()) > 0;
    }
    if (workload instanceof Job j) {
      return j.getStatus() == null || j.getStatus().getConditions() == null
          || j.getStatus().getConditions().stream().noneMatch(c -> "True".equals(c.getStatus())
              && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }
    return true;
  }

  private static PodTemplateSpec template(HasMetadata workload) {
    if (workload instanceof Deployment d) {
      return d.getSpec() == null ? null : d.getSpec().getTemplate();
    }
    if (workload instanceof StatefulSet s) {
      return s.getSpec() == null ? null : s.getSpec().getTemplate();
    }
    if (workload instanceof DaemonSet d) {
      return d.getSpec() == null ? null : d.getSpec().getTemplate();
    }
    if (workload instanceof ReplicaSet r) {
      return r.getSpec() == null ? null : r.getSpec().getTemplate();
    }
    if (workload instanceof Job j) {
      return j.getSpec() == null ? null : j.getSpec().getTemplate();
    }
    if (workload instanceof CronJob c) {
      return c.getSpec() == null || c.getSpec().getJobTemplate() == null
          || c.getSpec().getJobTemplate().getSpec() == null ? null
          : c.getSpec().getJobTemplate().getSpec().getTemplate();
    }
    return null;
  }

  private static int orOne(Integer value) {
    return value == null ? 1 : value;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
