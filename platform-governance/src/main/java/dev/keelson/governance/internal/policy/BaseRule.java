package dev.keelson.governance.internal.policy;

import dev.keelson.governance.policy.PolicyRule;
import dev.keelson.governance.policy.Severity;

/** A built-in best-practice rule: its ID, severity, doc line and remediation fixed at construction. */
public abstract class BaseRule implements PolicyRule {

  /** The policy name of every best-practice rule. */
  public static final String POLICY = "best-practices";

  private final String id;
  private final Severity severity;
  private final String description;
  private final String remediation;

  protected BaseRule(String id, Severity severity, String description, String remediation) {
    this.id = id;
    this.severity = severity;
    this.description = description;
    this.remediation = remediation;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String category() {
    return "Best Practices";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String remediation() {
    return remediation;
  }

  @Override
  public String toString() {
    return id;
  }
}
