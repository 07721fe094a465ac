package dev.keelson.governance.policy;

import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityStandards;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import dev.keelson.governance.policy.pss.PodSecurityViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Pod Security Standards as a policy rule over every pod and pod template: one finding per failed upstream check,
 * its rule ID the check ID ({@code allowPrivilegeEscalation}), its message the API server's words. Baseline checks
 * are {@link Severity#HIGH}, restricted-only checks {@link Severity#MEDIUM}.
 *
 * <pre>{@code
 * PolicyRule pss = PodSecurityRule.of(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST);
 * }</pre>
 */
public final class PodSecurityRule implements PolicyRule {

  /** The rule's ID and policy name; exemptions may name it to waive every check. */
  public static final String ID = "pod-security";

  private final PodSecurityStandards standards;
  private final PodSecurityLevel level;
  private final PodSecurityVersion version;

  private PodSecurityRule(PodSecurityStandards standards, PodSecurityLevel level, PodSecurityVersion version) {
    this.standards = standards;
    this.level = Objects.requireNonNull(level, "level");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** Upstream's standards at a level and version. */
  public static PodSecurityRule of(PodSecurityLevel level, PodSecurityVersion version) {
    return new PodSecurityRule(PodSecurityStandards.upstream(), level, version);
  }

  /** From label values, e.g. {@code of("restricted", "v1.29")}. */
  public static PodSecurityRule of(String level, String version) {
    return of(PodSecurityLevel.parse(level), PodSecurityVersion.parse(version));
  }

  public PodSecurityLevel level() {
    return level;
  }

  public PodSecurityVersion version() {
    return version;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String policy() {
    return ID;
  }

  @Override
  public Severity severity() {
    return Severity.HIGH;
  }

  @Override
  public String category() {
    return "Pod Security Standards";
  }

  @Override
  public String description() {
    return "Pods meet the Pod Security Standard " + level.label() + ":" + version + " as upstream enforces it.";
  }

  @Override
  public String remediation() {
    return "set the pod and container securityContext fields the check names";
  }

  @Override
  public List<Finding> evaluate(PolicyInput input) {
    if (input.podTemplate().isEmpty()) {
      return List.of();
    }
    PodTemplate t = input.podTemplate().get();
    List<PodSecurityViolation> violations = standards.evaluate(level, version, t.metadata(), t.spec());
    if (violations.isEmpty()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>(violations.size());
    for (PodSecurityViolation v : violations) {
      Severity severity = v.level() == PodSecurityLevel.BASELINE ? Severity.HIGH : Severity.MEDIUM;
      String path = v.paths().isEmpty() ? t.path("spec") : t.path(v.paths().get(0));
      findings.add(new Finding(ID, v.checkId(), severity, category(), v.toString(), path,
          "meet Pod Security \"" + level.label() + ":" + version + "\": " + v.reason()));
    }
    return findings;
  }
}
