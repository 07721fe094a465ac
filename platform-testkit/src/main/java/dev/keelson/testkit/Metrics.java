package dev.keelson.testkit;

import dev.keelson.testkit.internal.controller.ScriptedMetrics;

/**
 * Metric values the simulated cluster's horizontal pod autoscalers see, scripted by the test: resource
 * utilisation and per-pod metrics by workload, external metrics by name. Autoscalers evaluate them every 15 s
 * of virtual time.
 *
 * <pre>{@code
 * cluster.metrics().cpuUtilization("shop", "web", 140);   // pods of Deployment web average 140% of requests
 * cluster.advance(Duration.ofSeconds(30));                 // the HPA scales web up
 * }</pre>
 */
public final class Metrics {

  private final ScriptedMetrics metrics;

  Metrics(ScriptedMetrics metrics) {
    this.metrics = metrics;
  }

  /** Average CPU use of the workload's pods, in percent of their requests. */
  public Metrics cpuUtilization(String namespace, String workload, double percent) {
    metrics.setUtilization(namespace, workload, "cpu", percent);
    return this;
  }

  /** Average memory use of the workload's pods, in percent of their requests. */
  public Metrics memoryUtilization(String namespace, String workload, double percent) {
    metrics.setUtilization(namespace, workload, "memory", percent);
    return this;
  }

  /** Average value of a custom per-pod metric, e.g. requests per second. */
  public Metrics podMetric(String namespace, String workload, String metric, double averageValue) {
    metrics.setPodMetric(namespace, workload, metric, averageValue);
    return this;
  }

  /** Value of an external metric, e.g. a queue's depth. */
  public Metrics externalMetric(String metric, double value) {
    metrics.setExternal(metric, value);
    return this;
  }
}
