package dev.keelson.governance.policy.pss;

import dev.keelson.governance.internal.pss.CheckRegistry;
import dev.keelson.governance.internal.pss.PodView;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pod Security Standards exactly as upstream's {@code k8s.io/pod-security-admission} evaluates them: the same
 * check IDs, the same versioned revisions (policy {@code v1.0} to {@code latest}), the same order, and the API
 * server's words for every violation. Immutable and thread-safe; create one and share it.
 *
 * <pre>{@code
 * PodSecurityStandards pss = PodSecurityStandards.upstream();
 * List<PodSecurityViolation> violations = pss.evaluate(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST, pod);
 * String message = PodSecurityStandards.message("restricted", "latest", violations);
 * // violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set ...)
 * }</pre>
 */
public final class PodSecurityStandards {

  private final CheckRegistry registry;

  private PodSecurityStandards(CheckRegistry registry) {
    this.registry = registry;
  }

  /** Upstream's checks (Kubernetes release-1.37; {@code latest} is policy {@code v1.37}). */
  public static PodSecurityStandards upstream() {
    return new PodSecurityStandards(CheckRegistry.upstream());
  }

  /** The newest policy version with a check revision: what {@code latest} and newer versions evaluate as. */
  public PodSecurityVersion newestVersion() {
    return PodSecurityVersion.of(registry.maxMinor());
  }

  /**
   * Every check ID, baseline then restricted, with the policy minor versions at which it gained a revision, e.g.
   * {@code sysctls=[0, 27, 29, 32, 37]}.
   */
  public Map<String, List<Integer>> checkRevisions() {
    return registry.revisions();
  }

  /** The violations of a pod; empty when the pod is allowed. */
  public List<PodSecurityViolation> evaluate(PodSecurityLevel level, PodSecurityVersion version, Pod pod) {
    Objects.requireNonNull(pod, "pod");
    return evaluate(level, version, pod.getMetadata(), pod.getSpec());
  }

  /**
   * The violations of a pod given by its metadata and spec (a pod template's, say); empty when allowed. Field paths
   * in the violations start at the pod ({@code spec.containers[app]...}).
   */
  public List<PodSecurityViolation> evaluate(PodSecurityLevel level, PodSecurityVersion version, ObjectMeta metadata,
      PodSpec spec) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(version, "version");
    if (level == PodSecurityLevel.PRIVILEGED || spec == null) {
      return List.of();
    }
    PodView view = new PodView(metadata, spec);
    List<PodSecurityViolation> out = null;
    for (CheckRegistry.Active check : registry.checks(level, version)) {
      PodSecurityViolation v = check.check().apply(view);
      if (v != null) {
        if (out == null) {
          out = new ArrayList<>(4);
        }
        out.add(v);
      }
    }
    return out == null ? List.of() : out;
  }

  /** {@link #evaluate(PodSecurityLevel, PodSecurityVersion, Pod)} with label values, e.g. "restricted", "v1.29". */
  public List<PodSecurityViolation> evaluate(String level, String version, Pod pod) {
    return evaluate(PodSecurityLevel.parse(level), PodSecurityVersion.parse(version), pod);
  }

  /**
   * The API server's denial text: {@code violates PodSecurity "LEVEL:VERSION": v1, v2, ...}, with each violation as
   * {@code reason (detail)}.
   */
  public static String message(String level, String version, List<PodSecurityViolation> violations) {
    StringBuilder b = new StringBuilder("violates PodSecurity \"").append(level).append(':').append(version)
        .append("\": ");
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(violations.get(i));
    }
    return b.toString();
  }
}
