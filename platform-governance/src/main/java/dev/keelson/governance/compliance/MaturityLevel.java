package dev.keelson.governance.compliance;

/**
 * Where a platform stands on the maturity path of the Ops/SRE platform Keelson's users walk: containerised, then
 * a platform, then governed, then run as SRE with autoscaling and disruption budgets.
 */
public enum MaturityLevel {
  /** Nothing runs in the cluster yet. */
  L0("nothing runs yet"),
  /** Workloads run in containers on Kubernetes. */
  L1("containerised: workloads run on Kubernetes"),
  /** Workloads follow the platform's golden path: requests and limits, readiness probes, pinned images. */
  L2("platform: workloads follow the golden path"),
  /** Every namespace belongs to a tenant with quota, limits, network policy and Pod Security; no high findings. */
  L3("governed: every namespace is a tenant's, with guardrails"),
  /** Governed, and multi-replica workloads are autoscaled and protected by disruption budgets. */
  L4("SRE: autoscaling and disruption budgets on governed workloads");

  private final String description;

  MaturityLevel(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
