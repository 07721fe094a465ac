package dev.keelson.governance.policy;

import java.util.Objects;

/**
 * One broken rule on one object: which rule, how severe, where (the field path inside the object), what is wrong
 * and how to fix it.
 *
 * <pre>{@code
 * new Finding("best-practices", "readiness-probe", Severity.MEDIUM, "Best Practices",
 *     "container \"app\" has no readiness probe", "spec.template.spec.containers[app].readinessProbe",
 *     "add a readinessProbe so traffic only reaches ready pods");
 * }</pre>
 *
 * @param policy the policy the rule belongs to, e.g. {@code pod-security}, {@code best-practices}, {@code custom}
 * @param rule the rule ID, e.g. {@code readiness-probe} or upstream's {@code allowPrivilegeEscalation}
 * @param severity how much it matters
 * @param category the PolicyReport category, e.g. {@code Pod Security}
 * @param message what is wrong, in words a person can act on
 * @param path the field path inside the object, e.g. {@code spec.template.spec.containers[app].image}
 * @param remediation how to fix it
 */
public record Finding(String policy, String rule, Severity severity, String category, String message, String path,
    String remediation) {

  public Finding {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(remediation, "remediation");
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + rule + "]";
  }
}
