package dev.keelson.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.render.Manifests;
import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExemptionsAndReportsTest {

  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final List<HasMetadata> OBJECTS = Manifests.fromYaml("""
      apiVersion: v1
      kind: Pod
      metadata: {name: exporter, namespace: monitoring, labels: {team: infra}}
      spec:
        hostNetwork: true
        containers:
        - {name: app, image: "registry.example.com/exporter:1"}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: monitoring}
      """);

  private static PolicyEngine.Builder engine() {
    return PolicyEngine.builder().clock(CLOCK).podSecurity(PodSecurityLevel.BASELINE, PodSecurityVersion.LATEST)
        .rule(FieldRule.require("spec.containers[*].resources.limits.memory").id("memory-limit").kinds("Pod")
            .message("containers limit memory").build());
  }

  @Test
  void withoutExemptionsThePodFails() {
    PolicyResult result = engine().build().evaluate(OBJECTS);
    assertThat(result.findings()).extracting(Finding::rule, Finding::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("hostNamespaces", "host namespaces (hostNetwork=true)"),
        org.assertj.core.groups.Tuple.tuple("memory-limit",
            "containers limit memory: spec.containers[app].resources.limits.memory is not set, must be set"));
    assertThat(result.findings().get(0).path()).isEqualTo("spec.hostNetwork");
    assertThat(result.allowed()).isFalse();
  }

  @Test
  void aNamespaceExemptionNarrowedToOneRuleWaivesOnlyThatRule() {
    PolicyResult result = engine().exemption(Exemption.forNamespace("monitoring", "node exporter reads host "
        + "metrics, INFRA-231", NOW.plusSeconds(3600)).onlyRules("pod-security")).build().evaluate(OBJECTS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly("memory-limit");
    assertThat(result.verdicts().get(0).exempted()).singleElement()
        .satisfies(e -> assertThat(e.exemption().reason()).contains("INFRA-231"));
  }

  @Test
  void labelAndRuleExemptionsApplyUntilTheyExpire() {
    assertThat(engine().exemption(Exemption.forLabels(Map.of("team", "infra"), "infra pods are audited",
        NOW.plusSeconds(60))).build().evaluate(OBJECTS).allowed()).isTrue();
    assertThat(engine().exemption(Exemption.forLabels(Map.of("team", "data"), "other team", NOW.plusSeconds(60)))
        .build().evaluate(OBJECTS).findings()).hasSize(2);
    assertThat(engine().exemption(Exemption.forRule("memory-limit", "rolling out limits", NOW.plusSeconds(60)))
        .build().evaluate(OBJECTS).findings()).extracting(Finding::rule).containsExactly("hostNamespaces");
    // Expired: it no longer applies.
    assertThat(engine().exemption(Exemption.forRule("memory-limit", "rolling out limits", NOW))
        .build().evaluate(OBJECTS).findings()).hasSize(2);
  }

  @Test
  void exemptionsNeedAReasonAndAnExpiry() {
    assertThatThrownBy(() -> Exemption.forNamespace("x", " ", NOW)).hasMessage("reason: every exemption needs a reason");
    assertThatThrownBy(() -> Exemption.forRule("x", "why", null)).hasMessageContaining("expires");
  }

  @SuppressWarnings("unchecked")
  @Test
  void resultsBecomePolicyReportsPerNamespace() {
    PolicyResult result = engine().exemption(Exemption.forRule("memory-limit", "rolling out limits",
        NOW.plusSeconds(60))).build().evaluate(OBJECTS);
    List<GenericKubernetesResource> reports = PolicyReports.of(result);
    assertThat(reports).extracting(GenericKubernetesResource::getKind)
        .containsExactly("ClusterPolicyReport", "PolicyReport");
    GenericKubernetesResource report = reports.get(1);
    assertThat(report.getApiVersion()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(report.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat((Map<String, Object>) report.getAdditionalProperties().get("summary"))
        .isEqualTo(Map.of("pass", 0L, "fail", 1L, "warn", 0L, "error", 0L, "skip", 1L));
    List<Map<String, Object>> results = (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
    assertThat(results.get(0)).containsEntry("policy", "pod-security").containsEntry("rule", "hostNamespaces")
        .containsEntry("result", "fail").containsEntry("severity", "high").containsEntry("source", "keelson")
        .containsEntry("category", "Pod Security Standards")
        .containsEntry("timestamp", Map.of("seconds", NOW.getEpochSecond(), "nanos", 0))
        .containsEntry("resources", List.of(Map.of("apiVersion", "v1", "kind", "Pod", "name", "exporter",
            "namespace", "monitoring")));
    assertThat(results.get(1)).containsEntry("rule", "memory-limit").containsEntry("result", "skip");
    // The cluster-scoped Namespace passes both rules.
    assertThat((Map<String, Object>) reports.get(0).getAdditionalProperties().get("summary")).containsEntry("pass", 2L);
    assertThat(Manifests.toYaml(report)).contains("kind: \"PolicyReport\"");
  }

  @Test
  void fieldRulesSupportConditionsOnWildcardPaths() {
    PolicyRule pullPolicy = FieldRule.path("spec.containers[*].imagePullPolicy").in("IfNotPresent", "Never")
        .id("pull-policy").build();
    PolicyRule team = FieldRule.path("metadata.labels['team']").matches("[a-z]+").id("team-label").build();
    PolicyRule registry = FieldRule.path("spec.containers[0].image").equalTo("registry.example.com/exporter:1")
        .id("pinned-image").build();
    PolicyResult result = PolicyEngine.builder().rule(pullPolicy).rule(team).rule(registry).build()
        .evaluate(OBJECTS.subList(0, 1));
    assertThat(result.findings()).extracting(Finding::path).containsExactly("spec.containers[app].imagePullPolicy");
    assertThatThrownBy(() -> FieldRule.path("spec.containers[x]").exists().id("x").build())
        .hasMessage("path spec.containers[x]: [x] is not [*], [N] or ['key']");
    assertThatThrownBy(() -> FieldRule.path("spec.x").id("x").build())
        .hasMessage("condition: field rule \"x\" needs exists, equalTo, in or matches");
  }
}
