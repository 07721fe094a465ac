package dev.keelson.core.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * Where metrics come from: anything that answers PromQL at an instant and over a range. Release gates and
 * rightsizing take a provider, so they run the same against Prometheus ({@link PrometheusClient}), a
 * Prometheus-compatible store, or a fake of the test's own.
 *
 * <pre>{@code
 * MetricsProvider metrics = PrometheusClient.of(URI.create("http://prometheus.monitoring:9090"));
 * double errorRatio = metrics.query("sum(rate(http_requests_total{code=~\"5..\"}[5m]))"
 *     + " / sum(rate(http_requests_total[5m]))", clock.instant()).asVector().singleValue().orElse(0);
 * }</pre>
 */
public interface MetricsProvider {

  /**
   * Evaluates a PromQL expression at an instant.
   *
   * @throws MetricsException when the query is refused or fails, or the provider cannot be reached
   */
  QueryResult query(String promql, Instant time);

  /**
   * Evaluates a PromQL expression at every {@code step} from {@code start} to {@code end}; the result is a matrix.
   *
   * @throws MetricsException when the query is refused or fails, or the provider cannot be reached
   */
  QueryResult queryRange(String promql, Instant start, Instant end, Duration step);
}
