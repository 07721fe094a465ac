package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The pod inside an object: a Pod itself, or the template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or
 * CronJob, with the field path at which it sits so findings name the object's own fields.
 *
 * <pre>{@code
 * PodTemplate t = PodTemplate.of(deployment).orElseThrow();
 * t.path("spec.containers[app].image"); // "spec.template.spec.containers[app].image"
 * }</pre>
 *
 * @param prefix the path of the pod inside the object: empty for a Pod, {@code spec.template.} for a Deployment
 * @param metadata the pod's metadata (may be null for a template without one)
 * @param spec the pod's spec
 */
public record PodTemplate(String prefix, ObjectMeta metadata, PodSpec spec) {

  /** The object's field path for a path inside the pod, e.g. {@code spec.hostNetwork}. */
  public String path(String podPath) {
    return prefix.isEmpty() ? podPath : prefix + podPath;
  }

  /** The pod of an object, if it is one of the kinds that carry one and the pod spec is present. */
  public static java.util.Optional<PodTemplate> of(HasMetadata object) {
    PodTemplate t = null;
    if (object instanceof Pod p) {
      t = p.getSpec() == null ? null : new PodTemplate("", p.getMetadata(), p.getSpec());
    } else if (object instanceof Deployment d && d.getSpec() != null) {
      t = template("spec.template.", d.getSpec().getTemplate());
    } else if (object instanceof StatefulSet s && s.getSpec() != null) {
      t = template("spec.template.", s.getSpec().getTemplate());
    } else if (object instanceof DaemonSet d && d.getSpec() != null) {
      t = template("spec.template.", d.getSpec().getTemplate());
    } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
      t = template("spec.template.", r.getSpec().getTemplate());
    } else if (object instanceof Job j && j.getSpec() != null) {
      t = template("spec.template.", j.getSpec().getTemplate());
    } else if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
        && c.getSpec().getJobTemplate().getSpec() != null) {
      t = template("spec.jobTemplate.spec.template.", c.getSpec().getJobTemplate().getSpec().getTemplate());
    }
    return java.util.Optional.ofNullable(t);
  }

  private static PodTemplate template(String prefix, PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? null
        : new PodTemplate(prefix, template.getMetadata(), template.getSpec());
  }

  /** The pod's labels, never null. */
  public java.util.Map<String, String> labels() {
    return metadata == null || metadata.getLabels() == null ? java.util.Map.of() : metadata.getLabels();
  }

  /** Whether the object runs to completion (Job, CronJob) rather than serving. */
  public static boolean runsToCompletion(HasMetadata object) {
    return object instanceof Job || object instanceof CronJob
        || (object instanceof Pod p && p.getMetadata() != null && p.getMetadata().getOwnerReferences() != null
            && p.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind())));
  }
}
