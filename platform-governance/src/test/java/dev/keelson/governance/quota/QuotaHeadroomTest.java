package dev.keelson.governance.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.governance.tenant.Subject;
import dev.keelson.governance.tenant.TenantSpec;
import dev.keelson.governance.tenant.Tenants;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Whether a rollout's surge or a scale-up fits the namespace quota and the tenant's total, on live quota status. */
@SimulatedClusterTest
public class QuotaHeadroomTest {

  /** Two namespaces of 3 CPU each under a tenant total of 5 CPU: the total is the tighter cap. */
  public static TenantSpec shop() {
    return TenantSpec.builder().name("shop").addOwner(Subject.group("shop-admins"))
        .addEnvironments("dev", "prod")
        .putNamespaceQuota("requests.cpu", "3").putNamespaceQuota("requests.memory", "6Gi")
        .putNamespaceQuota("pods", "20")
        .putEnvironmentQuota("dev", java.util.Map.of("requests.cpu", "2"))
        .putTotalQuota("requests.cpu", "5").putTotalQuota("requests.memory", "12Gi")
        .build();
  }

  public static Deployment web(String namespace, int replicas, String cpu) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/shop/web:1")
        .withNewResources().addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("256Mi")).endResources().endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  @Test
  void theSurgeOfARolloutIsRoundedUpAndCountsItsPodsRequests() {
    ResourceDemand surge = ResourceDemand.ofRolloutSurge(web("shop-prod", 10, "250m"));

    assertThat(surge.of("pods")).isEqualByComparingTo("3");
    assertThat(surge.of("requests.cpu")).isEqualByComparingTo("0.75");
    assertThat(surge.of("cpu")).isEqualByComparingTo("0.75");
    assertThat(surge.of("limits.memory")).isEqualByComparingTo(BigDecimal.valueOf(3L * 256 * 1024 * 1024));
  }

  @Test
  void aNamespaceQuotaRaisedByHandStillCannotTakeTheTenantOverItsTotal(KubernetesClient client,
      SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(shop());
    client.resource(web("shop-dev", 4, "500m")).create();      // 2 CPU: dev is full
    client.resource(web("shop-prod", 4, "500m")).create();     // 2 CPU of prod's 3
    client.resourceQuotas().inNamespace("shop-prod").withName("tenant-quota").edit(q -> {
      q.getSpec().getHard().put("requests.cpu", new Quantity("10"));   // out of band: the total says 5
      return q;
    });
    cluster.advance(Duration.ofMinutes(1));

    Headroom scaleUp = QuotaHeadroom.on(client).check("shop-prod", ResourceDemand.ofScaleTo(
        client.apps().deployments().inNamespace("shop-prod").withName("web").get(), 8));

    assertThat(scaleUp.fits()).isFalse();
    assertThat(scaleUp.shortfalls()).singleElement().satisfies(line -> {
      assertThat(line.scope()).isEqualTo(Headroom.Scope.TENANT);
      assertThat(line.resource()).isEqualTo("requests.cpu");
      assertThat(line.hard()).isEqualByComparingTo("5");
      assertThat(line.used()).isEqualByComparingTo("4");
      assertThat(line.needed()).isEqualByComparingTo("2");
      assertThat(line.shortfall()).isEqualByComparingTo("1");
    });
  }

  @Test
  void shortfallsNameTheQuotaAndTheAmountMissing(KubernetesClient client, SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(shop());
    client.resource(web("shop-dev", 4, "500m")).create();
    client.resource(web("shop-prod", 4, "500m")).create();
    cluster.advance(Duration.ofMinutes(1));

    Headroom tooMuch = QuotaHeadroom.on(client).check("shop-prod", ResourceDemand.ofScaleTo(
        client.apps().deployments().inNamespace("shop-prod").withName("web").get(), 8));

    assertThat(tooMuch.fits()).isFalse();
    assertThat(tooMuch.toString()).isEqualTo("does not fit shop-prod: "
        + "requests.cpu short by 1 in quota tenant-quota (hard 3, used 2, needed 2); "
        + "requests.cpu short by 1 in tenant shop (hard 5, used 4, needed 2)");
    assertThat(QuotaHeadroom.on(client).check("shop-prod", ResourceDemand.ofRolloutSurge(
        client.apps().deployments().inNamespace("shop-prod").withName("web").get())).fits()).isTrue();
  }

  @Test
  void usageListsEveryNamespaceQuotaAndTheTenantTotal(KubernetesClient client, SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(shop());
    client.resource(web("shop-prod", 2, "500m")).create();
    cluster.advance(Duration.ofMinutes(1));

    assertThat(QuotaHeadroom.on(client).usage("shop")).extracting(QuotaUsage::toString).containsExactly(
        "shop-dev/tenant-quota pods: hard 20, used 0, free 20",
        "shop-dev/tenant-quota requests.cpu: hard 2, used 0, free 2",
        "shop-dev/tenant-quota requests.memory: hard 6Gi, used 0, free 6Gi",
        "shop-prod/tenant-quota pods: hard 20, used 2, free 18",
        "shop-prod/tenant-quota requests.cpu: hard 3, used 1, free 2",
        "shop-prod/tenant-quota requests.memory: hard 6Gi, used 512Mi, free 5632Mi",
        "tenant shop requests.cpu: hard 5, used 1, free 4",
        "tenant shop requests.memory: hard 12Gi, used 512Mi, free 11776Mi");
  }
}
