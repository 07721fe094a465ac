/**
 * The policy engine: {@link dev.keelson.governance.policy.PolicyRule}s (Pod Security Standards, {@link
 * dev.keelson.governance.policy.BestPractices}, declarative {@link dev.keelson.governance.policy.FieldRule}s, users'
 * own) evaluated by a {@link dev.keelson.governance.policy.PolicyEngine} over objects and the pod templates inside
 * Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs; expiring {@link
 * dev.keelson.governance.policy.Exemption}s; results as {@code wgpolicyk8s.io/v1alpha2} reports ({@link
 * dev.keelson.governance.policy.PolicyReports}).
 */
package dev.keelson.governance.policy;
