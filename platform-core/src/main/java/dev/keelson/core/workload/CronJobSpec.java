package dev.keelson.core.workload;

import dev.keelson.core.internal.validate.WorkloadRules;
import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Job on a schedule, rendered as a {@code batch/v1} CronJob.
 *
 * <pre>{@code
 * Workloads.cronJob("report", "0 6 * * MON-FRI")
 *     .timeZone("Europe/Berlin")
 *     .concurrency(CronJobSpec.Concurrency.FORBID)
 *     .addContainer(reporter)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class CronJobSpec implements WorkloadSpec, RunToCompletion {

  /** What happens when a run is due while the previous one still runs. */
  public enum Concurrency { ALLOW, FORBID, REPLACE }

  /** Five-field cron expression or a descriptor such as {@code @hourly}. */
  public abstract String schedule();

  /** IANA time zone, e.g. {@code Europe/Berlin}; the controller's zone when empty. */
  public abstract Optional<String> timeZone();

  @Value.Default
  public Concurrency concurrency() {
    return Concurrency.ALLOW;
  }

  public abstract Optional<Long> startingDeadlineSeconds();

  @Value.Default
  public int successfulJobsHistoryLimit() {
    return 3;
  }

  @Value.Default
  public int failedJobsHistoryLimit() {
    return 1;
  }

  @Value.Default
  public boolean suspend() {
    return false;
  }

  @Override
  public final String kind() {
    return "CronJob";
  }

  @Override
  public final boolean longRunning() {
    return false;
  }

  @Value.Check
  protected void check() {
    WorkloadRules.requireValid(this);
  }

  public static ImmutableCronJobSpec.Builder builder() {
    return ImmutableCronJobSpec.builder();
  }
}
