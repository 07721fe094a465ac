package dev.keelson.governance.policy;

import java.util.Locale;

/**
 * How much a finding matters, with the names PolicyReport ({@code wgpolicyk8s.io/v1alpha2}) uses.
 *
 * <pre>{@code
 * Severity.HIGH.label(); // "high"
 * }</pre>
 */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, INFO;

  /** The PolicyReport spelling, e.g. {@code high}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
