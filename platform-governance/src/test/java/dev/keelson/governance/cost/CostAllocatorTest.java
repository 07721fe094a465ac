package dev.keelson.governance.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.governance.quota.QuotaHeadroomTest;
import dev.keelson.governance.tenant.Tenants;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OpenCost's rule on the simulated cluster's Prometheus: max(request, usage) per container, priced per hour. */
@SimulatedClusterTest
class CostAllocatorTest {
  static final PriceBook PRICES = PriceBook.of("0.03", "0.004");

  @Test
  void usageAboveRequestsCountsAsUsageAndRequestsAboveUsageCountAsRequests(KubernetesClient client,
      SimulatedCluster cluster) {
    Tenants.on(client).build().onboard(QuotaHeadroomTest.shop());
    client.resource(QuotaHeadroomTest.web("shop-prod", 2, "500m")).create();
    cluster.metrics().cpuUsage("shop-prod", "web", 0.8);                  // above the 500m request
    cluster.metrics().memoryUsage("shop-prod", "web", 128 * 1024 * 1024); // below the 256Mi request
    cluster.advance(Duration.ofMinutes(10));
    Instant start = cluster.clock().instant();
    cluster.advance(Duration.ofHours(1));
    Instant end = cluster.clock().instant();

    CostReport report = CostAllocator.on(client, PrometheusClient.of(URI.create(cluster.prometheusUrl())), PRICES)
        .allocate(start, end);

    assertThat(report.containers()).hasSize(2).allSatisfy(a -> {
      assertThat(a.tenant()).isEqualTo("shop");
      assertThat(a.workload()).isEqualTo("Deployment/web");
      assertThat(a.container()).isEqualTo("app");
      assertThat(a.cpuCoreHours()).isCloseTo(0.8, within(1e-6));
      assertThat(a.memoryGibHours()).isCloseTo(0.25, within(1e-9));
    });
    Allocation web = report.byWorkload().get("shop-prod/Deployment/web");
    assertThat(web.cost()).isCloseTo(new BigDecimal("0.05"), within(new BigDecimal("0.0000001")));
    assertThat(report.byTenant()).containsOnlyKeys("shop");
    // 3 nodes of 8 CPU and 32Gi for an hour: 24 core-hours and 96 GiB-hours.
    assertThat(report.capacityCost()).isEqualByComparingTo("1.104");
    assertThat(report.idleCost()).isCloseTo(new BigDecimal("1.054"), within(new BigDecimal("0.0000001")));
    assertThat(report.idleSharedByWeight().get("shop")).isCloseTo(report.idleCost(),
        within(new BigDecimal("0.0000001")));
  }
}
