package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns verdicts into {@code wgpolicyk8s.io/v1alpha2} reports, the shape Kyverno and others use: one
 * {@code PolicyReport} per namespace and one {@code ClusterPolicyReport} for cluster-scoped objects, with a result per
 * rule and object ({@code pass}, {@code fail}, or {@code skip} for an exempted finding) and a summary.
 *
 * <pre>{@code
 * List<GenericKubernetesResource> reports = PolicyReports.of(engine.evaluate(objects));
 * client.resource(reports.get(0)).serverSideApply();
 * }</pre>
 */
public final class PolicyReports {

  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
  /** The {@code source} of every result. */
  public static final String SOURCE = "keelson";

  private PolicyReports() {
  }

  /** The reports for a result, namespaces in alphabetical order, the cluster report (if any) first. */
  public static List<GenericKubernetesResource> of(PolicyResult result) {
    Map<String, List<Map<String, Object>>> byNamespace = new TreeMap<>();
    Map<String, Object> timestamp = new LinkedHashMap<>();
    timestamp.put("seconds", result.evaluatedAt().getEpochSecond());
    timestamp.put("nanos", result.evaluatedAt().getNano());
    for (ObjectVerdict v : result.verdicts()) {
      List<Map<String, Object>> results = byNamespace.computeIfAbsent(PolicyContext.namespace(v.object()),
          k -> new ArrayList<>());
      for (Finding f : v.findings()) {
        results.add(entry(f.policy(), f.rule(), "fail", f.severity(), f.message(), f.category(), v.object(), timestamp,
            Map.of("path", f.path(), "remediation", f.remediation())));
      }
      for (ObjectVerdict.Exempted e : v.exempted()) {
        Finding f = e.finding();
        results.add(entry(f.policy(), f.rule(), "skip", f.severity(), f.message() + " (exempted: "
            + e.exemption().reason() + ")", f.category(), v.object(), timestamp,
            Map.of("path", f.path(), "exemptionExpires", e.exemption().expires().toString())));
      }
      for (String rule : v.rules()) {
        boolean failed = v.findings().stream().anyMatch(f -> f.rule().equals(rule) || f.policy().equals(rule))
            || v.exempted().stream().anyMatch(e -> e.finding().rule().equals(rule)
                || e.finding().policy().equals(rule));
        if (!failed) {
          results.add(entry(rule.equals(PodSecurityRule.ID) ? PodSecurityRule.ID : "keelson", rule, "pass", null,
              "", null, v.object(), timestamp, Map.of()));
        }
      }
    }
    List<GenericKubernetesResource> reports = new ArrayList<>();
    byNamespace.forEach((ns, results) -> reports.add(report(ns, results)));
    return reports;
  }

  private static Map<String, Object> entry(String policy, String rule, String outcome, Severity severity,
      String message, String category, HasMetadata object, Map<String, Object> timestamp,
      Map<String, String> properties) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("policy", policy);
    e.put("rule", rule);
    e.put("result", outcome);
    if (severity != null) {
      e.put("severity", severity.label());
    }
    if (!message.isEmpty()) {
      e.put("message", message);
    }
    if (category != null) {
      e.put("category", category);
    }
    e.put("source", SOURCE);
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("apiVersion", object.getApiVersion());
    ref.put("kind", object.getKind());
    ref.put("name", object.getMetadata().getName());
    if (object.getMetadata().getNamespace() != null) {
      ref.put("namespace", object.getMetadata().getNamespace());
    }
    if (object.getMetadata().getUid() != null) {
      ref.put("uid", object.getMetadata().getUid());
    }
    e.put("resources", List.of(ref));
    e.put("timestamp", timestamp);
    if (!properties.isEmpty()) {
      e.put("properties", new TreeMap<>(properties));
    }
    return e;
  }

  private static GenericKubernetesResource report(String namespace, List<Map<String, Object>> results) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(API_VERSION);
    boolean cluster = namespace.isEmpty();
    r.setKind(cluster ? "ClusterPolicyReport" : "PolicyReport");
    r.setMetadata(new ObjectMetaBuilder().withName(cluster ? "keelson-cluster" : "keelson")
        .withNamespace(cluster ? null : namespace).addToLabels("app.kubernetes.io/managed-by", "keelson").build());
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String outcome : List.of("pass", "fail", "warn", "error", "skip")) {
      summary.put(outcome, results.stream().filter(e -> outcome.equals(e.get("result"))).count());
    }
    r.setAdditionalProperty("summary", summary);
    r.setAdditionalProperty("results", results);
    return r;
  }
}
