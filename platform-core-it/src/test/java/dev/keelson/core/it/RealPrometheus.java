package dev.keelson.core.it;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.testkit.LocalPrometheus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * A real Prometheus ({@link LocalPrometheus}) scraping, every second, a tiny exporter on a loopback port whose
 * {@code /metrics} answers the text that a function writes from the seconds of wall time since it started.
 *
 * <pre>{@code
 * try (RealPrometheus real = RealPrometheus.scraping(s -> "# TYPE x_total counter\nx_total " + 10 * s + "\n")) {
 *   real.await("count_over_time(x_total[10s])", v -> v >= 6);
 * }
 * }</pre>
 */
final class RealPrometheus implements AutoCloseable {

  /** The job the exporter is scraped as: its series carry {@code job="exporter"}. */
  static final String JOB = "exporter";

  private final HttpServer exporter;
  private final LocalPrometheus prometheus;
  private final PrometheusClient client;

  private RealPrometheus(HttpServer exporter, LocalPrometheus prometheus) {
    this.exporter = exporter;
    this.prometheus = prometheus;
    this.client = PrometheusClient.builder(prometheus.uri()).timeout(Duration.ofSeconds(5)).build();
  }

  static RealPrometheus scraping(DoubleFunction<String> metricsAtSeconds) throws IOException, InterruptedException {
    long started = System.nanoTime();
    HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = metricsAtSeconds.apply((System.nanoTime() - started) / 1e9).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    exporter.start();
    try {
      return new RealPrometheus(exporter, LocalPrometheus.start(JOB, List.of(target(exporter))));
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      exporter.stop(0);
      throw e;
    }
  }

  private static String target(HttpServer exporter) {
    return "127.0.0.1:" + exporter.getAddress().getPort();
  }

  /** The exporter's {@code host:port}: the {@code instance} label Prometheus gives its series. */
  String instance() {
    return target(exporter);
  }

  URI uri() {
    return prometheus.uri();
  }

  /** A client of it, with a 5 s timeout. */
  PrometheusClient client() {
    return client;
  }

  /** Waits (wall time, 20 s at most) until the single value of {@code promql} now satisfies {@code done}. */
  void await(String promql, DoublePredicate done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      OptionalDouble v = client.query(promql, Instant.now()).asVector().singleValue();
      if (v.isPresent() && done.test(v.getAsDouble())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus did not scrape the exporter in time:\n" + prometheus.log());
  }

  @Override
  public void close() throws InterruptedException, IOException {
    try {
      prometheus.close();
    } finally {
      exporter.stop(0);
    }
  }
}
