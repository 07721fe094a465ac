package dev.keelson.governance.internal.pss;

import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import dev.keelson.governance.policy.pss.PodSecurityViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Upstream's check registry ({@code policy/registry.go}): every check with its versioned revisions, inflated to one
 * ordered list of check functions per level and policy minor version. Order follows upstream — baseline check IDs
 * sorted, then restricted check IDs sorted — so aggregated messages read exactly as the API server's. Versions newer
 * than the newest revision, and {@code latest}, use the newest revision of every check.
 */
public final class CheckRegistry {

  /** One revision of a check: in force from {@code minMinor} until the next revision. */
  record Revision(int minMinor, Function<PodView, PodSecurityViolation> check, Set<String> overrides) {
  }

  /** One check: upstream's ID, level and revisions in increasing order. */
  record Check(String id, PodSecurityLevel level, List<Revision> revisions) {
  }

  /** A check in force at one version: its ID and the revision's function. */
  public record Active(String id, PodSecurityLevel level, Function<PodView, PodSecurityViolation> check) {
  }

  private final int maxMinor;
  private final List<List<Active>> baseline = new ArrayList<>();
  private final List<List<Active>> restricted = new ArrayList<>();
  private final List<Check> checks;

  private CheckRegistry(List<Check> checks) {
    this.checks = List.copyOf(checks);
    this.maxMinor = checks.stream().mapToInt(c -> c.revisions().get(c.revisions().size() - 1).minMinor()).max()
        .orElse(0);
    List<String> order = new ArrayList<>();
    checks.stream().filter(c -> c.level() == PodSecurityLevel.BASELINE).map(Check::id).sorted().forEach(order::add);
    checks.stream().filter(c -> c.level() == PodSecurityLevel.RESTRICTED).map(Check::id).sorted().forEach(order::add);
    Map<String, Check> byId = new HashMap<>();
    checks.forEach(c -> byId.put(c.id(), c));
    for (int minor = 0; minor <= maxMinor; minor++) {
      Map<String, Revision> inForce = new LinkedHashMap<>();
      Set<String> overridden = new HashSet<>();
      for (String id : order) {
        Revision r = revisionAt(byId.get(id), minor);
        if (r != null) {
          inForce.put(id, r);
          overridden.addAll(r.overrides());
        }
      }
      List<Active> b = new ArrayList<>();
      List<Active> all = new ArrayList<>();
      for (Map.Entry<String, Revision> e : inForce.entrySet()) {
        Check c = byId.get(e.getKey());
        Active a = new Active(c.id(), c.level(), e.getValue().check());
        if (c.level() == PodSecurityLevel.BASELINE) {
          b.add(a);
          if (!overridden.contains(c.id())) {
            all.add(a);
          }
        } else {
          all.add(a);
        }
      }
      baseline.add(List.copyOf(b));
      restricted.add(List.copyOf(all));
    }
  }

  private static Revision revisionAt(Check check, int minor) {
    Revision found = null;
    for (Revision r : check.revisions()) {
      if (r.minMinor() <= minor) {
        found = r;
      }
    }
    return found;
  }

  /** The newest policy minor version any check has a revision for: what {@code latest} means. */
  public int maxMinor() {
    return maxMinor;
  }

  /** The checks in force for a level and version, in upstream's order; empty for privileged. */
  public List<Active> checks(PodSecurityLevel level, PodSecurityVersion version) {
    if (level == PodSecurityLevel.PRIVILEGED) {
      return List.of();
    }
    int minor = Math.min(version.minor(), maxMinor);
    return level == PodSecurityLevel.BASELINE ? baseline.get(minor) : restricted.get(minor);
  }

  /** Every check ID with the policy versions at which it gained a revision, for documentation and tests. */
  public Map<String, List<Integer>> revisions() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    checks.stream().sorted(Comparator.comparing(Check::level).thenComparing(Check::id))
        .forEach(c -> out.put(c.id(), c.revisions().stream().map(Revision::minMinor).toList()));
    return out;
  }

  private static Revision rev(int minor, Function<PodView, PodSecurityViolation> check, String... overrides) {
    return new Revision(minor, check, Set.of(overrides));
  }

  private static Check baseline(String id, Revision... revisions) {
    return new Check(id, PodSecurityLevel.BASELINE, List.of(revisions));
  }

  private static Check restricted(String id, Revision... revisions) {
    return new Check(id, PodSecurityLevel.RESTRICTED, List.of(revisions));
  }

  /** Upstream's checks as of Kubernetes release-1.37 ({@code staging/src/k8s.io/pod-security-admission/policy}). */
  public static CheckRegistry upstream() {
    return new CheckRegistry(List.of(
        baseline("hostNamespaces", rev(0, BaselineChecks::hostNamespaces)),
        baseline("privileged", rev(0, BaselineChecks::privileged)),
        baseline("capabilities_baseline", rev(0, BaselineChecks::capabilitiesBaseline)),
        baseline("hostPathVolumes", rev(0, BaselineChecks::hostPathVolumes)),
        baseline("hostPorts", rev(0, BaselineChecks::hostPorts)),
        baseline("appArmorProfile", rev(0, BaselineChecks::appArmorProfile)),
        baseline("seLinuxOptions",
            rev(0, p -> BaselineChecks.seLinuxOptions(p, BaselineChecks.SELINUX_TYPES_1_0)),
            rev(31, p -> BaselineChecks.seLinuxOptions(p, BaselineChecks.SELINUX_TYPES_1_31))),
        baseline("procMount",
            rev(0, p -> BaselineChecks.procMount(p, "procMount", PodSecurityLevel.BASELINE)),
            rev(35, BaselineChecks::procMount135)),
        baseline("seccompProfile_baseline",
            rev(0, BaselineChecks::seccompBaselineAnnotations),
            rev(19, BaselineChecks::seccompBaseline)),
        baseline("sysctls",
            rev(0, p -> BaselineChecks.sysctls(p, BaselineChecks.SYSCTLS_1_0)),
            rev(27, p -> BaselineChecks.sysctls(p, BaselineChecks.SYSCTLS_1_27)),
            rev(29, p -> BaselineChecks.sysctls(p, BaselineChecks.SYSCTLS_1_29)),
            rev(32, p -> BaselineChecks.sysctls(p, BaselineChecks.SYSCTLS_1_32)),
            rev(37, p -> BaselineChecks.sysctls(p, BaselineChecks.SYSCTLS_1_37))),
        baseline("windowsHostProcess", rev(0, BaselineChecks::windowsHostProcess)),
        baseline("hostProbesAndHostLifecycle", rev(34, BaselineChecks::hostProbesAndHostLifecycle)),
        restricted("restrictedVolumes", rev(0, RestrictedChecks::restrictedVolumes, "hostPathVolumes")),
        restricted("allowPrivilegeEscalation",
            rev(8, RestrictedChecks::allowPrivilegeEscalation18),
            rev(25, RestrictedChecks::allowPrivilegeEscalation125)),
        restricted("runAsNonRoot",
            rev(0, RestrictedChecks::runAsNonRoot10),
            rev(35, RestrictedChecks::runAsNonRoot135)),
        restricted("runAsUser",
            rev(23, RestrictedChecks::runAsUser123),
            rev(35, RestrictedChecks::runAsUser135)),
        restricted("seccompProfile_restricted",
            rev(19, RestrictedChecks::seccompProfile119, "seccompProfile_baseline"),
            rev(25, RestrictedChecks::seccompProfile125, "seccompProfile_baseline")),
        restricted("capabilities_restricted",
            rev(22, RestrictedChecks::capabilities122, "capabilities_baseline"),
            rev(25, RestrictedChecks::capabilities125, "capabilities_baseline")),
        restricted("procMount_restricted",
            rev(35, p -> BaselineChecks.procMount(p, "procMount_restricted", PodSecurityLevel.RESTRICTED),
                "procMount"))));
  }
}
