package dev.keelson.governance.tenant;

import java.util.Objects;
import java.util.Set;

/**
 * The Pod Security Standards levels a tenant's namespaces carry as {@code pod-security.kubernetes.io/*} labels:
 * what is enforced, audited and warned about, at which version of the standards.
 *
 * <pre>{@code
 * PodSecurity.restricted();                                  // enforce, audit and warn restricted:latest
 * PodSecurity.of("baseline", "restricted", "v1.30");         // enforce baseline, audit and warn restricted
 * }</pre>
 *
 * @param enforce the level pods are rejected below
 * @param audit the level audited (and warned about)
 * @param version {@code latest} or {@code v1.N}
 */
public record PodSecurity(String enforce, String audit, String version) {
  private static final Set<String> LEVELS = Set.of("privileged", "baseline", "restricted");

  public PodSecurity {
    Objects.requireNonNull(enforce, "enforce");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(version, "version");
    if (!LEVELS.contains(enforce) || !LEVELS.contains(audit)) {
      throw new IllegalArgumentException("podSecurity: levels are privileged, baseline or restricted, got enforce="
          + enforce + " audit=" + audit);
    }
    if (!version.equals("latest") && !version.matches("v1\\.(0|[1-9][0-9]*)")) {
      throw new IllegalArgumentException("podSecurity.version: must be latest or v1.N, got " + version);
    }
  }

  /** Enforce, audit and warn {@code restricted} at {@code latest}: the golden path. */
  public static PodSecurity restricted() {
    return new PodSecurity("restricted", "restricted", "latest");
  }

  /** Enforce {@code baseline}, audit and warn {@code restricted}: for workloads still being hardened. */
  public static PodSecurity baseline() {
    return new PodSecurity("baseline", "restricted", "latest");
  }

  public static PodSecurity of(String enforce, String audit, String version) {
    return new PodSecurity(enforce, audit, version);
  }
}
