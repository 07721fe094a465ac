package dev.keelson.governance.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.apply.Applier;
import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.core.plan.FieldChange;
import dev.keelson.core.plan.Plan;
import dev.keelson.governance.quota.QuotaHeadroomTest;
import dev.keelson.governance.tenant.Tenants;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests recommended from usage (p90 CPU and peak memory, plus 15%), delivered as a plan. */
@SimulatedClusterTest
class RightsizerTest {

  @Test
  void anOverProvisionedDeploymentIsSizedDownByAPlanThatChangesOnlyRequests(KubernetesClient client,
      SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(QuotaHeadroomTest.shop());
    client.resource(QuotaHeadroomTest.web("shop-prod", 2, "500m")).create();
    cluster.metrics().forWorkload("shop-prod", "web").cpuUsage(t -> t < 1800 ? 0.1 : 0.2);
    cluster.metrics().memoryUsage("shop-prod", "web", 100 * 1024 * 1024);
    cluster.advance(Duration.ofMinutes(10));
    Instant start = cluster.clock().instant();
    cluster.advance(Duration.ofHours(1));
    Rightsizer rightsizer = Rightsizer.on(client, PrometheusClient.of(URI.create(cluster.prometheusUrl())));

    List<Recommendation> recs = rightsizer.recommend("shop-prod", "web", start, cluster.clock().instant());

    assertThat(recs).singleElement().satisfies(r -> {
      assertThat(r.container()).isEqualTo("app");
      assertThat(r.cpuQuantity()).isEqualTo("230m");
      assertThat(r.memoryQuantity()).isEqualTo("115Mi");
      assertThat(r).hasToString("shop-prod/Deployment/web app: cpu 500m -> 230m, memory 256Mi -> 115Mi");
    });

    Plan plan = rightsizer.plan(recs);
    assertThat(plan.updates()).singleElement().satisfies(c -> assertThat(c.fields())
        .extracting(FieldChange::path).containsExactlyInAnyOrder(
            "spec.template.spec.containers[name=app].resources.requests.cpu",
            "spec.template.spec.containers[name=app].resources.requests.memory"));
    Applier.on(client).fieldManager(Rightsizer.FIELD_MANAGER).force(true).build().apply(plan);

    var container = client.apps().deployments().inNamespace("shop-prod").withName("web").get().getSpec()
        .getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("230m"))
        .containsEntry("memory", new Quantity("115Mi"));
    assertThat(container.getImage()).isEqualTo("registry.example.com/shop/web:1");
    assertThat(rightsizer.plan(recs).hasChanges()).isFalse();
  }

  @Test
  void theCpuTargetIsTheNinetiethPercentileByNearestRank() {
    List<Double> samples = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      samples.add(i / 100.0);
    }
    assertThat(Rightsizer.percentile(samples, 0.90)).isEqualTo(0.90);
    assertThat(Rightsizer.percentile(List.of(0.3), 0.90)).isEqualTo(0.3);
    assertThat(Rightsizer.percentile(List.of(), 0.90)).isZero();
  }
}
