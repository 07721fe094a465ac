package dev.keelson.governance.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.governance.policy.BestPractices;
import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.PolicyEngine;
import dev.keelson.governance.policy.PolicyInput;
import dev.keelson.governance.policy.PolicyRule;
import dev.keelson.governance.policy.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdmissionHandlerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Map<String, String>> NAMESPACES = Map.of(
      "shop", Map.of("pod-security.kubernetes.io/enforce", "restricted"),
      "legacy", Map.of("pod-security.kubernetes.io/warn", "baseline"));

  private static String review(String uid, String operation, String namespace, String object) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "%s", "kind": {"group": "", "version": "v1", "kind": "X"},
                     "resource": {"group": "", "version": "v1", "resource": "x"},
                     "namespace": "%s", "operation": "%s",
                     "userInfo": {"username": "alice"}, "object": %s}}
        """.formatted(uid, namespace, operation, object);
  }

  private static final String DEPLOYMENT = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "shop"},
       "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "api"}},
                "template": {"metadata": {"labels": {"app": "api"}},
                             "spec": {"containers": [{"name": "app", "image": "registry.example.com/api:1.2.0"}]}}}}
      """;

  private static final String POD = """
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
       "spec": {"containers": [{"name": "app", "image": "registry.example.com/web:1.0"}]}}
      """;

  private static JsonNode response(String json) {
    return JSON.readTree(json).get("response");
  }

  private final AdmissionHandler namespacesOnly = AdmissionHandler.builder()
      .namespaceLabels(ns -> NAMESPACES.getOrDefault(ns, Map.of())).build();

  @Test
  void aDeploymentBreakingARuleIsDeniedWithTheRuleFieldAndMessage() {
    AdmissionHandler handler = AdmissionHandler.builder()
        .engine(PolicyEngine.builder().rules(BestPractices.all()).build()).build();
    JsonNode response = response(handler.review(review("d-1", "CREATE", "apps", DEPLOYMENT)));
    assertThat(response.get("uid").asString()).isEqualTo("d-1");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("code").asInt()).isEqualTo(403);
    assertThat(response.get("status").get("message").asString()).startsWith("Deployment \"api\" is forbidden: ")
        .contains("readiness-probe at spec.template.spec.containers[app].readinessProbe: container \"app\" has no "
            + "readiness probe")
        .contains("requests-limits at spec.template.spec.containers[app].resources.requests.cpu");
  }

  @Test
  void findingsBelowTheDenyingSeverityBecomeWarnings() {
    AdmissionHandler handler = AdmissionHandler.builder()
        .engine(PolicyEngine.builder().rules(BestPractices.all()).build()).denyFrom(Severity.HIGH).build();
    String hardened = DEPLOYMENT.replace("\"image\": \"registry.example.com/api:1.2.0\"}",
        "\"image\": \"registry.example.com/api:1.2.0\", \"securityContext\": {\"allowPrivilegeEscalation\": false}}");
    JsonNode pinned = response(handler.review(review("w-1", "CREATE", "apps", hardened)));
    assertThat(pinned.get("allowed").asBoolean()).isTrue();
    assertThat(pinned.get("warnings").get(0).asString()).isEqualTo("requests-limits at "
        + "spec.template.spec.containers[app].resources.requests.cpu: container \"app\" requests no CPU");
    JsonNode latest = response(handler.review(review("w-2", "CREATE", "apps",
        hardened.replace("api:1.2.0", "api:latest"))));
    assertThat(latest.get("allowed").asBoolean()).isFalse();
    assertThat(latest.get("status").get("message").asString()).isEqualTo("Deployment \"api\" is forbidden: "
        + "image-tag at spec.template.spec.containers[app].image: container \"app\" uses the latest tag in "
        + "\"registry.example.com/api:latest\"");
    assertThat(latest.get("warnings")).isNotEmpty();
  }

  @Test
  void aPodIsHeldToItsNamespacesEnforceLevelInTheApiServersWords() {
    JsonNode response = response(namespacesOnly.review(review("p-1", "CREATE", "shop", POD)));
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("message").asString()).isEqualTo("Pod \"web\" is forbidden: violates "
        + "PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"app\" must set "
        + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"app\" must set "
        + "securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"app\" must set "
        + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \"app\" must set "
        + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
  }

  @Test
  void workloadTemplatesAndWarnLevelsGetWarningsNotDenials() {
    JsonNode deployment = response(namespacesOnly.review(review("d-2", "CREATE", "shop", DEPLOYMENT)));
    assertThat(deployment.get("allowed").asBoolean()).isTrue();
    assertThat(deployment.get("warnings").get(0).asString())
        .startsWith("would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false");
    String hostNetworkPod = POD.replace("\"spec\": {", "\"spec\": {\"hostNetwork\": true, ");
    JsonNode legacy = response(namespacesOnly.review(review("p-2", "CREATE", "legacy", hostNetworkPod)));
    assertThat(legacy.get("allowed").asBoolean()).isTrue();
    assertThat(legacy.get("warnings").get(0).asString())
        .isEqualTo("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)");
  }

  @Test
  void namespacesWithInvalidPodSecurityLabelsAreDenied() {
    String namespace = """
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team",
         "labels": {"pod-security.kubernetes.io/enforce": "strict",
                    "pod-security.kubernetes.io/warn-version": "v1.30"}}}
        """;
    JsonNode response = response(namespacesOnly.review(review("n-1", "CREATE", "", namespace)));
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("message").asString()).isEqualTo("Namespace \"team\" is forbidden: "
        + "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": pod security level "
        + "\"strict\" is not one of privileged, baseline, restricted");
    assertThat(response(namespacesOnly.review(review("n-2", "CREATE", "",
        namespace.replace("strict", "restricted")))).get("allowed").asBoolean()).isTrue();
  }

  @Test
  void mutationAppliesGoldenPathDefaultsAsAJsonPatchAndThePatchedPodIsAdmitted() {
    AdmissionHandler handler = AdmissionHandler.builder().namespaceLabels(NAMESPACES::get)
        .mutation(new PodSecurityDefaults()).build();
    JsonNode response = response(handler.review(review("m-1", "CREATE", "shop", POD)));
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("patchType").asString()).isEqualTo("JSONPatch");
    JsonNode patch = JSON.readTree(new String(Base64.getDecoder().decode(response.get("patch").asString()),
        StandardCharsets.UTF_8));
    assertThat(patch.toString()).contains("{\"op\":\"add\",\"path\":\"/spec/securityContext\",\"value\":"
        + "{\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}}")
        .contains("{\"op\":\"add\",\"path\":\"/spec/containers/0/securityContext\",\"value\":"
            + "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}}}");
  }

  @Test
  void deletesAreAllowedUnchecked() {
    JsonNode response = response(namespacesOnly.review(review("x-1", "DELETE", "shop", "null")));
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("uid").asString()).isEqualTo("x-1");
  }

  @Test
  void internalErrorsDenyUnlessFailOpen() {
    PolicyRule broken = new PolicyRule() {
      public String id() {
        return "broken";
      }

      public Severity severity() {
        return Severity.HIGH;
      }

      public String description() {
        return "Fails.";
      }

      public String remediation() {
        return "none";
      }

      public List<Finding> evaluate(PolicyInput input) {
        throw new IllegalStateException("metrics backend down");
      }
    };
    PolicyEngine engine = PolicyEngine.builder().rule(broken).build();
    JsonNode closed = response(AdmissionHandler.builder().engine(engine).build()
        .review(review("e-1", "CREATE", "shop", POD)));
    assertThat(closed.get("allowed").asBoolean()).isFalse();
    assertThat(closed.get("uid").asString()).isEqualTo("e-1");
    assertThat(closed.get("status").get("code").asInt()).isEqualTo(500);
    assertThat(closed.get("status").get("message").asString())
        .isEqualTo("keelson admission failed: metrics backend down");
    JsonNode open = response(AdmissionHandler.builder().engine(engine).failOpen(true).build()
        .review(review("e-2", "CREATE", "shop", POD)));
    assertThat(open.get("allowed").asBoolean()).isTrue();
    assertThat(open.get("warnings").get(0).asString()).contains("metrics backend down");
    JsonNode garbage = response(AdmissionHandler.builder().build().review("{not json"));
    assertThat(garbage.get("allowed").asBoolean()).isFalse();
  }
}
