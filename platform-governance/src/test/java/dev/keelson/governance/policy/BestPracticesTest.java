package dev.keelson.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.render.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each best practice flags what it should, names the field and says how to fix it, and passes the fix. */
class BestPracticesTest {

  private final PolicyEngine engine = PolicyEngine.builder()
      .rules(BestPractices.builder().allowedRegistries("registry.example.com").build()).build();

  private static final String WORKLOAD = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        replicas: %d
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            containers:
            - name: app
              image: %s
              readinessProbe: {httpGet: {path: /ready, port: 8080}}
              resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
              securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}
      """;

  private static final String COVER = """
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: api, namespace: shop}
      spec: {maxUnavailable: 1, selector: {matchLabels: {app: api}}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: api, namespace: shop}
      spec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}
      """;

  private List<Finding> findings(String yaml) {
    return engine.evaluate(Manifests.fromYaml(yaml)).findings();
  }

  private static String workload(int replicas, String image) {
    return WORKLOAD.formatted(replicas, image);
  }

  @Test
  void aCoveredWellFormedWorkloadHasNoFindings() {
    assertThat(findings(workload(3, "registry.example.com/api:2.1.0") + COVER)).isEmpty();
  }

  @Test
  void latestAndUntaggedImagesAndForeignRegistriesAreFlaggedAtTheImageField() {
    assertThat(findings(workload(1, "registry.example.com/api:latest") + COVER))
        .extracting(Finding::rule, Finding::path, Finding::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("image-tag", "spec.template.spec.containers[app].image",
            "container \"app\" uses the latest tag in \"registry.example.com/api:latest\""));
    assertThat(findings(workload(1, "nginx") + COVER)).extracting(Finding::rule, Finding::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("image-tag", "container \"app\" uses untagged image \"nginx\", which means latest"),
        org.assertj.core.groups.Tuple.tuple("image-registry", "container \"app\" pulls \"nginx\" from outside the allowed "
            + "registries [registry.example.com]"));
    assertThat(findings(workload(1, "registry.example.com:5000/api") + COVER)).extracting(Finding::rule)
        .containsExactly("image-tag", "image-registry");
    assertThat(findings(workload(1, "registry.example.com/api@sha256:abc") + COVER)).isEmpty();
  }

  @Test
  void missingResourcesProbeAndHardeningAreFlaggedPerField() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop, labels: {app: api}}
        spec:
          volumes: [{name: host, hostPath: {path: /var/run}}]
          containers:
          - name: app
            image: registry.example.com/api:1
            resources: {requests: {cpu: 100m}}
            securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}}
        """ + COVER;
    List<Finding> findings = findings(yaml);
    assertThat(findings).extracting(Finding::rule, Finding::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple("requests-limits", "spec.containers[app].resources.requests.memory"),
        org.assertj.core.groups.Tuple.tuple("requests-limits", "spec.containers[app].resources.limits.memory"),
        org.assertj.core.groups.Tuple.tuple("readiness-probe", "spec.containers[app].readinessProbe"),
        org.assertj.core.groups.Tuple.tuple("no-host-path", "spec.volumes[host].hostPath"),
        org.assertj.core.groups.Tuple.tuple("read-only-root-filesystem",
            "spec.containers[app].securityContext.readOnlyRootFilesystem"),
        org.assertj.core.groups.Tuple.tuple("no-privilege-escalation", "spec.containers[app].securityContext.privileged"),
        org.assertj.core.groups.Tuple.tuple("no-privilege-escalation",
            "spec.containers[app].securityContext.allowPrivilegeEscalation"),
        org.assertj.core.groups.Tuple.tuple("no-privilege-escalation",
            "spec.containers[app].securityContext.capabilities.add"));
    assertThat(findings.get(0).remediation()).contains("resources.requests.memory");
    assertThat(findings.get(7).message()).isEqualTo("container \"app\" adds capabilities [SYS_ADMIN]");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void jobsNeedNoReadinessProbe() {
    String job = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: shop}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: api}}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: run
                    image: registry.example.com/batch:1
                    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}
                    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}
        """ + COVER;
    assertThat(findings(job)).isEmpty();
    assertThat(findings(job.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")))
        .extracting(Finding::path)
        .containsExactly("spec.jobTemplate.spec.template.spec.containers[run].securityContext.readOnlyRootFilesystem");
  }

  @Test
  void replicatedWorkloadsWithoutBudgetOrNetworkPolicyAreFlagged() {
    List<Finding> findings = findings(workload(2, "registry.example.com/api:1"));
    assertThat(findings).extracting(Finding::rule, Finding::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pdb-for-replicas",
            "Deployment \"api\" runs 2 replicas but no PodDisruptionBudget selects its pods"),
        org.assertj.core.groups.Tuple.tuple("network-policy", "Deployment \"api\": no NetworkPolicy in its namespace selects its pods"));
    // A single replica needs no budget.
    assertThat(findings(workload(1, "registry.example.com/api:1"))).extracting(Finding::rule)
        .containsExactly("network-policy");
    // Evaluated alone (as in admission), context rules do not run.
    HasMetadata alone = Manifests.fromYaml(workload(2, "registry.example.com/api:1")).get(0);
    assertThat(engine.evaluate(alone, PolicyContext.none()).allowed()).isTrue();
  }

  @Test
  void budgetsThatAllowNoDisruptionAreFlagged() {
    String budget = """
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: strict, namespace: shop}
        spec: {%s, selector: {matchLabels: {app: api}}}
        """;
    assertThat(findings(workload(3, "registry.example.com/api:1") + COVER + budget.formatted("maxUnavailable: 0")))
        .extracting(Finding::rule, Finding::path, Finding::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
            "pdb-allows-disruption", "spec.maxUnavailable",
            "PodDisruptionBudget \"strict\" sets maxUnavailable 0: no pod may ever be evicted"));
    assertThat(findings(workload(3, "registry.example.com/api:1") + COVER + budget.formatted("minAvailable: 100%")))
        .extracting(Finding::path).containsExactly("spec.minAvailable");
    assertThat(findings(workload(3, "registry.example.com/api:1") + COVER + budget.formatted("minAvailable: 3")))
        .extracting(Finding::message).containsExactly("PodDisruptionBudget \"strict\" sets minAvailable 3 but "
            + "Deployment \"api\" runs 3: no pod may ever be evicted");
    assertThat(findings(workload(3, "registry.example.com/api:1") + COVER + budget.formatted("minAvailable: 2")))
        .isEmpty();
  }

  @Test
  void autoscalersMustHaveARangeServicesMustSelectPodsIngressesMustServeTls() {
    String yaml = workload(3, "registry.example.com/api:1") + COVER + """
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: api, namespace: shop}
        spec: {minReplicas: 5, maxReplicas: 3, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: pinned, namespace: shop}
        spec: {minReplicas: 4, maxReplicas: 4, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: other}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: typo, namespace: shop}
        spec: {selector: {app: apii}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {selector: {app: api}, ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec: {rules: [{host: shop.example.com}]}
        """;
    assertThat(findings(yaml)).extracting(Finding::rule, Finding::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("hpa-range", "HorizontalPodAutoscaler \"api\" has minReplicas 5 above maxReplicas 3"),
        org.assertj.core.groups.Tuple.tuple("hpa-range",
            "HorizontalPodAutoscaler \"pinned\" is pinned at 4 replicas (minReplicas = maxReplicas), so it never scales"),
        org.assertj.core.groups.Tuple.tuple("service-selects-pods",
            "Service \"typo\" selects {app=apii} but no pod has those labels"),
        org.assertj.core.groups.Tuple.tuple("ingress-tls", "Ingress \"web\" has no TLS"));
  }

  @Test
  void everyRuleHasAStableIdSeverityDocLineAndRemediation() {
    assertThat(BestPractices.builder().allowedRegistries("r.example.com").build()).extracting(PolicyRule::id)
        .containsExactly("requests-limits", "readiness-probe", "image-tag", "image-registry", "no-host-path",
            "pdb-for-replicas", "pdb-allows-disruption", "hpa-range", "service-selects-pods", "network-policy",
            "ingress-tls", "read-only-root-filesystem", "no-privilege-escalation");
    assertThat(BestPractices.all()).allSatisfy(r -> {
      assertThat(r.id()).matches("[a-z]+(-[a-z]+)*");
      assertThat(r.description()).endsWith(".");
      assertThat(r.remediation()).isNotBlank();
      assertThat(r.policy()).isEqualTo("best-practices");
    }).extracting(PolicyRule::id).doesNotContain("image-registry");
  }
}
