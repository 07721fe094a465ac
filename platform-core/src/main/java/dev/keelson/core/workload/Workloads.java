package dev.keelson.core.workload;

/**
 * Entry point for workload specs: one factory per kind, each returning a builder with the name set.
 *
 * <pre>{@code
 * DeploymentSpec web = Workloads.deployment("web").addContainer(app).replicas(3).build();
 * CronJobSpec nightly = Workloads.cronJob("nightly", "@daily").addContainer(job).build();
 * }</pre>
 */
public final class Workloads {
  private Workloads() {
  }

  public static ImmutableDeploymentSpec.Builder deployment(String name) {
    return DeploymentSpec.builder().name(name);
  }

  public static ImmutableStatefulSetSpec.Builder statefulSet(String name) {
    return StatefulSetSpec.builder().name(name);
  }

  public static ImmutableDaemonSetSpec.Builder daemonSet(String name) {
    return DaemonSetSpec.builder().name(name);
  }

  public static ImmutableJobSpec.Builder job(String name) {
    return JobSpec.builder().name(name);
  }

  public static ImmutableCronJobSpec.Builder cronJob(String name, String schedule) {
    return CronJobSpec.builder().name(name).schedule(schedule);
  }
}
