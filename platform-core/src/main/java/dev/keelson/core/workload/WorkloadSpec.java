package dev.keelson.core.workload;

import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.Scheduling;
import dev.keelson.core.spec.VolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What every workload spec has: identity, the pod's containers and volumes, scheduling and service account.
 * Implemented by {@link DeploymentSpec}, {@link StatefulSetSpec}, {@link DaemonSetSpec}, {@link JobSpec} and
 * {@link CronJobSpec}.
 *
 * <pre>{@code
 * WorkloadSpec w = Workloads.deployment("web").addContainer(app).build();
 * w.kind(); // "Deployment"
 * }</pre>
 */
public interface WorkloadSpec {

  /** Object name, a DNS-1123 label; also the {@code app.kubernetes.io/name} label. */
  String name();

  Optional<String> namespace();

  /** Extra labels on the workload object (the recommended labels are added by the defaults profile). */
  Map<String, String> labels();

  Map<String, String> annotations();

  /** Extra labels on the pods only. They never enter the selector. */
  Map<String, String> podLabels();

  Map<String, String> podAnnotations();

  /** {@code app.kubernetes.io/version}; when empty, the first container's image tag. */
  Optional<String> version();

  /** {@code app.kubernetes.io/component}, e.g. {@code frontend}. */
  Optional<String> component();

  /** {@code app.kubernetes.io/part-of}, e.g. {@code shop}. */
  Optional<String> partOf();

  /** {@code app.kubernetes.io/instance}; when empty, the name. */
  Optional<String> instance();

  List<ContainerSpec> containers();

  List<ContainerSpec> initContainers();

  /** Native sidecars: init containers with {@code restartPolicy: Always}, started before the main containers. */
  List<ContainerSpec> sidecars();

  List<VolumeSpec> volumes();

  @Value.Default
  default Scheduling scheduling() {
    return Scheduling.none();
  }

  /** Service account the pods run as; an {@code AppSpec} sets it to its own account. */
  Optional<String> serviceAccountName();

  /**
   * Whether the pods call the Kubernetes API. Only then is the service-account token mounted
   * ({@code automountServiceAccountToken}).
   */
  @Value.Default
  default boolean apiAccess() {
    return false;
  }

  Optional<Long> terminationGracePeriodSeconds();

  List<String> imagePullSecrets();

  /** The Kubernetes kind this spec renders to, e.g. {@code Deployment}. */
  String kind();

  /** True for workloads whose pods are meant to keep running (they need readiness probes). */
  boolean longRunning();
}
