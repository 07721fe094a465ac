package dev.keelson.core.workload;

import dev.keelson.core.internal.validate.WorkloadRules;
import dev.keelson.core.spec.SpecStyle;
import org.immutables.value.Value;

/**
 * A run-to-completion workload rendered as a {@code batch/v1} Job.
 *
 * <pre>{@code
 * Workloads.job("migrate")
 *     .completions(1).parallelism(1).backoffLimit(2)
 *     .activeDeadlineSeconds(600L).ttlSecondsAfterFinished(3600)
 *     .addContainer(migrator)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class JobSpec implements WorkloadSpec, RunToCompletion {

  @Override
  public final String kind() {
    return "Job";
  }

  @Override
  public final boolean longRunning() {
    return false;
  }

  @Value.Check
  protected void check() {
    WorkloadRules.requireValid(this);
  }

  public static ImmutableJobSpec.Builder builder() {
    return ImmutableJobSpec.builder();
  }
}
