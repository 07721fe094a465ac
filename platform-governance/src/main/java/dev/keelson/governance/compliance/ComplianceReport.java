package dev.keelson.governance.compliance;

import dev.keelson.governance.policy.PolicyResult;
import java.time.Instant;
import java.util.List;

/**
 * A cluster-wide compliance run: every namespace's conformance, a score per tenant, the policy engine's verdicts,
 * and the maturity level the platform has reached, with what stands between it and the next one.
 *
 * <pre>{@code
 * ComplianceReport report = Compliance.on(client).engine(engine).build().run();
 * report.level();          // L2
 * report.nextSteps();      // ["namespace legacy lacks tenant, quota, limits, network-policy, pod-security", ...]
 * }</pre>
 *
 * @param time when it ran
 * @param namespaces conformance of every namespace checked (system namespaces are not)
 * @param tenants one score per tenant
 * @param policy the policy engine's verdicts on every object checked
 * @param level the maturity level reached
 * @param nextSteps what keeps the platform from the next level
 */
public record ComplianceReport(Instant time, List<NamespaceConformance> namespaces, List<TenantScore> tenants,
    PolicyResult policy, MaturityLevel level, List<String> nextSteps) {

  public ComplianceReport {
    namespaces = List.copyOf(namespaces);
    tenants = List.copyOf(tenants);
    nextSteps = List.copyOf(nextSteps);
  }

  /** {@code L2 platform: workloads follow the golden path; 3 namespaces, 1 conformant; 12 findings}. */
  public String summary() {
    return level + " " + level.description() + "; " + namespaces.size() + " namespaces, "
        + namespaces.stream().filter(NamespaceConformance::conformant).count() + " conformant; "
        + policy.findings().size() + " findings";
  }
}
