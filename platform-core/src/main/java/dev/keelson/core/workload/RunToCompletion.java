package dev.keelson.core.workload;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The run-to-completion settings shared by {@link JobSpec} and the job template of a {@link CronJobSpec}.
 *
 * <pre>{@code
 * Workloads.job("migrate").completions(1).backoffLimit(2).activeDeadlineSeconds(600L).build();
 * }</pre>
 */
public interface RunToCompletion {

  /** Pod restart policy of a Job: Kubernetes allows only these two. */
  enum RestartPolicy { ON_FAILURE, NEVER }

  Optional<Integer> completions();

  Optional<Integer> parallelism();

  /** Retries before the Job is marked failed; Kubernetes' default 6. */
  @Value.Default
  default int backoffLimit() {
    return 6;
  }

  Optional<Long> activeDeadlineSeconds();

  Optional<Integer> ttlSecondsAfterFinished();

  @Value.Default
  default RestartPolicy restartPolicy() {
    return RestartPolicy.NEVER;
  }
}
