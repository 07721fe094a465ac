package dev.keelson.governance.policy.pss;

import dev.keelson.testkit.PodSecurityCheck;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Plugs the governance Pod Security Standards into the simulated cluster's PodSecurity admission. Test code,
 * because governance depends on the testkit in test scope only.
 */
public final class GovernancePodSecurity implements PodSecurityCheck {

  private final PodSecurityStandards standards = PodSecurityStandards.upstream();

  @Override
  public List<String> violations(String level, String version, Pod pod) {
    return standards.evaluate(level, version, pod).stream().map(PodSecurityViolation::toString).toList();
  }
}
