package dev.keelson.core.defaults;

import java.util.Locale;

/**
 * One golden-path default. Every default can be switched off by name; the rendered objects list the defaults
 * that changed them in the {@value Defaults#APPLIED_ANNOTATION} annotation.
 *
 * <pre>{@code
 * Defaults.goldenPath().without(Default.READ_ONLY_ROOT_FILESYSTEM)
 * }</pre>
 */
public enum Default {
  /** {@code app.kubernetes.io/{name,instance,version,component,part-of,managed-by}} labels. */
  RECOMMENDED_LABELS,
  /** Every container must have CPU and memory requests, or a size class to take them from. */
  RESOURCE_REQUESTS,
  /** Memory limit = memory request when no limit is given (memory is not compressible: no overcommit). */
  MEMORY_LIMIT_EQUALS_REQUEST,
  /**
   * CPU limit = CPU request. Off in the golden path: a CPU limit throttles a container through the CFS quota even
   * when the node has idle CPU, which shows up as latency spikes; requests already guarantee the share.
   */
  CPU_LIMIT_EQUALS_REQUEST,
  /** Long-running workloads must declare a readiness probe. */
  READINESS_PROBE_REQUIRED,
  /** A container with {@code slowStart} gets a startup probe derived from its readiness probe. */
  STARTUP_PROBE_FOR_SLOW_STARTERS,
  /** {@code runAsNonRoot: true}. */
  RUN_AS_NON_ROOT,
  /** {@code allowPrivilegeEscalation: false}. */
  NO_PRIVILEGE_ESCALATION,
  /** {@code capabilities.drop: [ALL]}. */
  DROP_ALL_CAPABILITIES,
  /** {@code seccompProfile.type: RuntimeDefault}. */
  SECCOMP_RUNTIME_DEFAULT,
  /** {@code readOnlyRootFilesystem: true} and a writable emptyDir at {@code /tmp}. */
  READ_ONLY_ROOT_FILESYSTEM,
  /** {@code automountServiceAccountToken: false} unless the workload asks for API access. */
  NO_SERVICE_ACCOUNT_TOKEN,
  /** Images need a tag other than {@code latest}, or a digest. */
  PINNED_IMAGE_TAG,
  /** A PodDisruptionBudget with {@code maxUnavailable: 1} for two or more replicas. */
  DISRUPTION_BUDGET,
  /** Topology spread across zones and nodes. */
  TOPOLOGY_SPREAD,
  /** A preStop sleep and an explicit {@code terminationGracePeriodSeconds}. */
  GRACEFUL_SHUTDOWN,
  /** Explicit {@code revisionHistoryLimit}. */
  REVISION_HISTORY_LIMIT,
  /** Explicit {@code progressDeadlineSeconds}. */
  PROGRESS_DEADLINE,
  /** An app NetworkPolicy allowing ingress from its own namespace when the app declares none. */
  NETWORK_POLICY;

  private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** The name used in the applied-defaults annotation, e.g. {@code read-only-root-filesystem}. */
  public String label() {
    return label;
  }
}
