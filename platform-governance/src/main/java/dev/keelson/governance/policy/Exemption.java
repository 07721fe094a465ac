package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A documented, expiring exception to policy: for a namespace, for objects with certain labels, or for a rule
 * everywhere. Every exemption has a reason and an expiry; an expired one no longer applies.
 *
 * <pre>{@code
 * Exemption.forNamespace("monitoring", "node-exporter needs hostPath until INFRA-231", Instant.parse("2026-12-31T00:00:00Z"))
 *     .onlyRules("no-host-path", "hostPathVolumes");
 * Exemption.forRule("image-registry", "migration to the internal registry", expiry);
 * Exemption.forLabels(Map.of("team", "data"), "batch jobs run to completion", expiry);
 * }</pre>
 *
 * @param namespace the namespace exempted, or null
 * @param labels labels an object must all carry to be exempted, or empty
 * @param rules the rule IDs (or policy names, e.g. {@code pod-security}) exempted; empty means every rule
 * @param reason why, for the audit trail and the report
 * @param expires when the exemption stops applying
 */
public record Exemption(String namespace, Map<String, String> labels, Set<String> rules, String reason,
    Instant expires) {

  public Exemption {
    labels = Map.copyOf(labels);
    rules = Set.copyOf(rules);
    Objects.requireNonNull(expires, "expires: every exemption needs an expiry");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: every exemption needs a reason");
    }
    if (namespace == null && labels.isEmpty() && rules.isEmpty()) {
      throw new IllegalArgumentException("an exemption names a namespace, labels or rules");
    }
  }

  /** Every rule for objects in a namespace. */
  public static Exemption forNamespace(String namespace, String reason, Instant expires) {
    return new Exemption(Objects.requireNonNull(namespace, "namespace"), Map.of(), Set.of(), reason, expires);
  }

  /** Every rule for objects carrying all these labels. */
  public static Exemption forLabels(Map<String, String> labels, String reason, Instant expires) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("labels: a label exemption needs at least one label");
    }
    return new Exemption(null, labels, Set.of(), reason, expires);
  }

  /** One rule (or policy) for every object. */
  public static Exemption forRule(String rule, String reason, Instant expires) {
    return new Exemption(null, Map.of(), Set.of(rule), reason, expires);
  }

  /** This exemption narrowed to some rule IDs or policy names. */
  public Exemption onlyRules(String... ids) {
    return new Exemption(namespace, labels, Set.of(ids), reason, expires);
  }

  /** Whether the exemption still applies at this instant. */
  public boolean activeAt(Instant now) {
    return now.isBefore(expires);
  }

  /** Whether the exemption covers this finding on this object (ignoring expiry). */
  public boolean covers(HasMetadata object, Finding finding) {
    if (!rules.isEmpty() && !rules.contains(finding.rule()) && !rules.contains(finding.policy())) {
      return false;
    }
    if (namespace != null && !namespace.equals(PolicyContext.namespace(object))) {
      return false;
    }
    if (!labels.isEmpty()) {
      Map<String, String> actual = object.getMetadata() == null || object.getMetadata().getLabels() == null
          ? Map.of() : object.getMetadata().getLabels();
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!l.getValue().equals(actual.get(l.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }
}
