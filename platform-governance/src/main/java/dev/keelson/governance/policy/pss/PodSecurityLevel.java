package dev.keelson.governance.policy.pss;

import java.util.Locale;

/**
 * A Pod Security Standards level, as in the {@code pod-security.kubernetes.io/enforce} namespace label.
 *
 * <pre>{@code
 * PodSecurityLevel level = PodSecurityLevel.parse("restricted");
 * }</pre>
 */
public enum PodSecurityLevel {
  /** Unrestricted: no check applies. */
  PRIVILEGED,
  /** Prevents known privilege escalations; the baseline checks. */
  BASELINE,
  /** Hardened: the baseline checks (minus those a restricted check overrides) plus the restricted checks. */
  RESTRICTED;

  /** The label value, e.g. {@code restricted}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level a label value names.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code privileged}, {@code baseline} or
   *     {@code restricted}
   */
  public static PodSecurityLevel parse(String value) {
    for (PodSecurityLevel level : values()) {
      if (level.label().equals(value)) {
        return level;
      }
    }
    throw new IllegalArgumentException("pod security level \"" + value
        + "\" is not one of privileged, baseline, restricted");
  }
}
