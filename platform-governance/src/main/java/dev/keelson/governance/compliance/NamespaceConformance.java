package dev.keelson.governance.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one namespace measures up to tenant conformance: it belongs to a tenant and has a ResourceQuota, a
 * LimitRange, a NetworkPolicy and an enforced Pod Security level.
 *
 * @param namespace the namespace
 * @param tenant its tenant, or empty
 * @param quota it has a ResourceQuota
 * @param limits it has a LimitRange
 * @param networkPolicy it has a NetworkPolicy
 * @param podSecurity it has a {@code pod-security.kubernetes.io/enforce} label above {@code privileged}
 * @param objects the objects judged in it
 * @param objectsAllowed those the policy engine allowed
 */
public record NamespaceConformance(String namespace, String tenant, boolean quota, boolean limits,
    boolean networkPolicy, boolean podSecurity, int objects, int objectsAllowed) {

  public NamespaceConformance {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(tenant, "tenant");
  }

  /** True when it belongs to a tenant and has all four guardrails. */
  public boolean conformant() {
    return missing().isEmpty();
  }

  /** What it lacks: {@code tenant}, {@code quota}, {@code limits}, {@code network-policy}, {@code pod-security}. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (tenant.isEmpty()) {
      missing.add("tenant");
    }
    if (!quota) {
      missing.add("quota");
    }
    if (!limits) {
      missing.add("limits");
    }
    if (!networkPolicy) {
      missing.add("network-policy");
    }
    if (!podSecurity) {
      missing.add("pod-security");
    }
    return missing;
  }
}
