package dev.keelson.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.render.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod Security on the pod templates of workloads: upstream's words, the workload's own field paths. */
class PodSecurityRuleTest {

  private static List<Finding> findings(String level, String version, String yaml) {
    HasMetadata object = Manifests.fromYaml(yaml).get(0);
    return PolicyEngine.builder().rule(PodSecurityRule.of(level, version)).build()
        .evaluate(object, PolicyContext.none()).findings();
  }

  @Test
  void aDeploymentsTemplateIsCheckedAtItsOwnPaths() {
    List<Finding> findings = findings("restricted", "latest", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              hostNetwork: true
              containers: [{name: app, image: "api:1"}]
        """);
    assertThat(findings).extracting(Finding::rule, Finding::severity, Finding::path).containsExactly(
        tuple("hostNamespaces", Severity.HIGH, "spec.template.spec.hostNetwork"),
        tuple("allowPrivilegeEscalation", Severity.MEDIUM,
            "spec.template.spec.containers[app].securityContext.allowPrivilegeEscalation"),
        tuple("capabilities_restricted", Severity.MEDIUM,
            "spec.template.spec.containers[app].securityContext.capabilities.drop"),
        tuple("runAsNonRoot", Severity.MEDIUM, "spec.template.spec.securityContext.runAsNonRoot"),
        tuple("seccompProfile_restricted", Severity.MEDIUM, "spec.template.spec.securityContext.seccompProfile.type"));
    assertThat(findings.get(0).message()).isEqualTo("host namespaces (hostNetwork=true)");
    assertThat(findings).allSatisfy(f -> assertThat(f.policy()).isEqualTo("pod-security"));
  }

  @Test
  void aCronJobsTemplateAndItsInitContainersAreChecked() {
    List<Finding> findings = findings("baseline", "v1.28", """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: shop}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "60"}]}
                  initContainers: [{name: setup, image: "tools:1", securityContext: {privileged: true}}]
                  containers: [{name: run, image: "job:1"}]
        """);
    assertThat(findings).extracting(Finding::message, Finding::path).containsExactly(
        tuple("privileged (container \"setup\" must not set securityContext.privileged=true)",
            "spec.jobTemplate.spec.template.spec.initContainers[setup].securityContext.privileged"),
        tuple("forbidden sysctls (net.ipv4.tcp_keepalive_time)",
            "spec.jobTemplate.spec.template.spec.securityContext.sysctls[net.ipv4.tcp_keepalive_time]"));
  }

  @Test
  void objectsWithoutPodsAreNotJudged() {
    assertThat(findings("restricted", "latest", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: shop}
        data: {a: b}
        """)).isEmpty();
  }
}
