/**
 * Workload specs: {@link dev.keelson.core.workload.DeploymentSpec}, {@link dev.keelson.core.workload.StatefulSetSpec},
 * {@link dev.keelson.core.workload.DaemonSetSpec}, {@link dev.keelson.core.workload.JobSpec} and
 * {@link dev.keelson.core.workload.CronJobSpec}, created through {@link dev.keelson.core.workload.Workloads}.
 * Each validates its whole tree at {@code build()} and throws one {@link dev.keelson.core.spec.SpecException}.
 */
package dev.keelson.core.workload;
