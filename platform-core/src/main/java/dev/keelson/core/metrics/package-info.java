/**
 * Metrics for release analysis and rightsizing, read with PromQL: {@link dev.keelson.core.metrics.MetricsProvider}
 * is the extension point modules accept, {@link dev.keelson.core.metrics.PrometheusClient} the implementation over
 * Prometheus' HTTP API (a real Prometheus, Thanos or Mimir, or the testkit's simulated cluster), and
 * {@link dev.keelson.core.metrics.QueryResult} the typed result: a vector of
 * {@link dev.keelson.core.metrics.Sample}s, a scalar, or a matrix of {@link dev.keelson.core.metrics.Series}.
 *
 * <p>Example: {@code PrometheusClient.of(URI.create("http://prometheus:9090")).query("up", Instant.now())}.
 */
package dev.keelson.core.metrics;
