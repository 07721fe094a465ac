package dev.keelson.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The Pod Security Standards check behind the simulated cluster's {@code pod-security.kubernetes.io/enforce}
 * namespace label. The testkit only reads the label and enforces the verdict; the rules come from here, so
 * platform-governance's policy engine (or a test's own rule) can be plugged in. The default accepts every pod.
 *
 * <pre>{@code
 * SimulatedCluster.builder()
 *     .podSecurity((level, version, pod) -> pod.getSpec().getHostNetwork() == Boolean.TRUE
 *         ? List.of("host namespaces (hostNetwork=true)") : List.of())
 *     .start();
 * }</pre>
 */
@FunctionalInterface
public interface PodSecurityCheck {

  /** Accepts every pod: the simulated cluster's default until a policy engine is plugged in. */
  PodSecurityCheck ACCEPT_ALL = (level, version, pod) -> List.of();

  /**
   * The violations of a pod against a level, each in the API server's words, e.g.
   * {@code allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)}.
   *
   * @param level {@code privileged}, {@code baseline} or {@code restricted}
   * @param version {@code latest} or {@code v1.N}
   * @return an empty list when the pod is allowed
   */
  List<String> violations(String level, String version, Pod pod);
}
