package dev.keelson.governance.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Planner;
import dev.keelson.governance.policy.GoldenPathPolicyTest;
import dev.keelson.governance.tenant.TenantSpecTest;
import dev.keelson.governance.tenant.Tenants;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A cluster-wide compliance run: tenant conformance, scores, and where the platform stands on L1–L4. */
@SimulatedClusterTest
class ComplianceTest {

  static void deployGoldenPathApp(KubernetesClient client, SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(TenantSpecTest.shop().build());
    var app = GoldenPathPolicyTest.shop().forEnvironment(dev.keelson.core.app.EnvironmentOverlay.builder()
        .environment("prod").namespace("shop-prod").build());
    Applier.on(client).build().apply(Planner.on(client).applySet(ApplySet.of("web", "shop-prod")).build()
        .plan(Keelson.renderer().render(app)));
    cluster.advance(Duration.ofMinutes(2));
  }

  static ComplianceReport run(KubernetesClient client) {
    return Compliance.on(client).engine(GoldenPathPolicyTest.ENGINE).build().run();
  }

  @Test
  void aLegacyNamespaceKeepsThePlatformAtLevelOneAndSaysWhy(KubernetesClient client, SimulatedCluster cluster) {
    deployGoldenPathApp(client, cluster);
    client.resource(new NamespaceBuilder().withNewMetadata().withName("legacy").endMetadata().build()).create();
    client.resource(new DeploymentBuilder().withNewMetadata().withName("old").withNamespace("legacy").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "old").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "old").endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("nginx:latest").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();

    ComplianceReport report = run(client);

    assertThat(report.level()).isEqualTo(MaturityLevel.L1);
    assertThat(report.nextSteps()).singleElement().asString().startsWith("follow the golden path: findings of ")
        .contains("image-tag", "readiness-probe", "requests-limits");
    assertThat(report.namespaces()).extracting(NamespaceConformance::namespace)
        .containsExactly("legacy", "shop-dev", "shop-prod");
    NamespaceConformance legacy = report.namespaces().get(0);
    assertThat(legacy.missing()).containsExactly("tenant", "quota", "limits", "network-policy", "pod-security");
    assertThat(report.tenants()).singleElement().satisfies(t -> {
      assertThat(t.tenant()).isEqualTo("shop");
      assertThat(t.namespaces()).allSatisfy(ns -> assertThat(ns.missing()).isEmpty());
      assertThat(t.score()).isEqualTo(100);
    });

    client.apps().deployments().inNamespace("legacy").withName("old").delete();
    ComplianceReport withoutTheOldApp = run(client);
    assertThat(withoutTheOldApp.level()).isEqualTo(MaturityLevel.L2);
    assertThat(withoutTheOldApp.nextSteps())
        .containsExactly("namespace legacy lacks tenant, quota, limits, network-policy, pod-security");
  }

  @Test
  void aGovernedAutoscaledPlatformWithBudgetsIsAtLevelFour(KubernetesClient client, SimulatedCluster cluster) {
    deployGoldenPathApp(client, cluster);

    ComplianceReport report = run(client);

    assertThat(report.policy().findings()).isEmpty();
    assertThat(report.level()).as("%s", report.nextSteps()).isEqualTo(MaturityLevel.L4);
    assertThat(report.summary()).startsWith("L4 SRE: autoscaling and disruption budgets on governed workloads; "
        + "2 namespaces, 2 conformant; 0 findings");
  }
}
