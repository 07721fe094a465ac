package dev.keelson.governance.policy;

import java.util.List;

/**
 * A rule the policy engine evaluates on each object. The built-ins (Pod Security Standards, best practices,
 * {@link FieldRule}s) implement it; so can users.
 *
 * <pre>{@code
 * PolicyRule noHostNetwork = new PolicyRule() {
 *   public String id() { return "no-host-network"; }
 *   public Severity severity() { return Severity.HIGH; }
 *   public String description() { return "Pods do not share the node's network namespace."; }
 *   public String remediation() { return "remove spec.hostNetwork"; }
 *   public List<Finding> evaluate(PolicyInput input) {
 *     return input.podTemplates().stream()
 *         .filter(t -> Boolean.TRUE.equals(t.spec().getHostNetwork()))
 *         .map(t -> finding(t.path("spec.hostNetwork"), "uses the host network")).toList();
 *   }
 * };
 * }</pre>
 */
public interface PolicyRule {

  /** A stable ID, e.g. {@code readiness-probe}. */
  String id();

  /** The policy the rule belongs to, grouping rules in reports. */
  default String policy() {
    return "custom";
  }

  /** How much a finding of this rule matters. */
  Severity severity();

  /** The report category. */
  default String category() {
    return "Custom";
  }

  /** One line saying what the rule wants, for the rule catalogue. */
  String description();

  /** How to fix a finding. */
  String remediation();

  /**
   * Whether the rule needs the other objects of a bundle or cluster (a PodDisruptionBudget for a Deployment, say).
   * Such rules run only when the engine evaluates a set of objects, not a single object alone.
   */
  default boolean needsContext() {
    return false;
  }

  /** The findings on one object; empty when the object complies. */
  List<Finding> evaluate(PolicyInput input);

  /** A finding of this rule at a path. */
  default Finding finding(String path, String message) {
    return new Finding(policy(), id(), severity(), category(), message, path, remediation());
  }
}
