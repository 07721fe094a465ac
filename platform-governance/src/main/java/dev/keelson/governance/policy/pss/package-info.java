/**
 * Pod Security Standards ({@code baseline}, {@code restricted}) as upstream's {@code k8s.io/pod-security-admission}
 * implements them, versioned from policy {@code v1.0} to {@code latest}: {@link
 * dev.keelson.governance.policy.pss.PodSecurityStandards} evaluates a pod or pod template and returns
 * {@link dev.keelson.governance.policy.pss.PodSecurityViolation}s in the API server's words.
 */
package dev.keelson.governance.policy.pss;
