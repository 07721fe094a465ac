package dev.keelson.governance.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.testkit.LocalPrometheus;
import dev.keelson.testkit.SimulatedCluster;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cost allocation against a real Prometheus (Debian's {@code prometheus}) scraping an exporter that serves the
 * cAdvisor and kube-state-metrics series a cluster would: the same queries, the same arithmetic.
 */
class CostOnRealPrometheusTest {
  static final String LABELS = "namespace=\"shop-prod\",pod=\"web-7d9f-abcde\",container=\"app\"";

  @Test
  void allocatesMaxOfRequestAndUsageFromRealPrometheus() throws Exception {
    long started = System.nanoTime();
    HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", exchange -> {
      double seconds = (System.nanoTime() - started) / 1e9;
      byte[] body = String.join("\n",
          "# TYPE container_cpu_usage_seconds_total counter",
          "container_cpu_usage_seconds_total{" + LABELS + "} " + 0.8 * seconds,
          "# TYPE container_memory_working_set_bytes gauge",
          "container_memory_working_set_bytes{" + LABELS + "} " + 128L * 1024 * 1024,
          "# TYPE kube_pod_container_resource_requests gauge",
          "kube_pod_container_resource_requests{" + LABELS + ",resource=\"cpu\",unit=\"core\"} 0.5",
          "kube_pod_container_resource_requests{" + LABELS + ",resource=\"memory\",unit=\"byte\"} "
              + 256L * 1024 * 1024,
          "").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    exporter.start();
    try (LocalPrometheus prometheus = LocalPrometheus.start("cadvisor",
        List.of("127.0.0.1:" + exporter.getAddress().getPort()));
        SimulatedCluster cluster = SimulatedCluster.start()) {
      PrometheusClient client = PrometheusClient.of(prometheus.uri());
      awaitSamples(client, 14);
      Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
      Instant start = end.minusSeconds(8);

      CostReport report = CostAllocator.on(cluster.client(), client, PriceBook.of("0.03", "0.004"))
          .withStep(Duration.ofSeconds(1)).withRateWindow(Duration.ofSeconds(4)).allocate(start, end);

      assertThat(report.containers()).singleElement().satisfies(a -> {
        assertThat(a.namespace()).isEqualTo("shop-prod");
        assertThat(a.container()).isEqualTo("app");
        assertThat(a.workload()).isEqualTo("Pod/web-7d9f-abcde");
        // usage 0.8 above the 0.5 request, 8 steps of a second
        assertThat(a.cpuCoreHours()).isCloseTo(0.8 * 8 / 3600, within(0.8 * 8 / 3600 * 0.15));
        // request 256Mi above the 128Mi working set
        assertThat(a.memoryGibHours()).isCloseTo(0.25 * 8 / 3600, within(1e-9));
      });
      assertThat(report.idleCost().signum()).isPositive();
    } finally {
      exporter.stop(0);
    }
  }

  private static void awaitSamples(PrometheusClient client, int samples) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      var v = client.query("count_over_time(container_cpu_usage_seconds_total[30s])", Instant.now()).asVector()
          .singleValue();
      if (v.isPresent() && v.getAsDouble() >= samples) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("prometheus did not scrape " + samples + " samples within 40 s");
  }
}
