package dev.keelson.testkit.internal.controller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric values a test scripts for the simulated metrics pipeline: resource utilisation and per-pod metrics by
 * workload, external metrics by name. The HPA controller reads them as the metrics APIs would serve them.
 */
public final class ScriptedMetrics {

  private final Map<String, Double> values = new ConcurrentHashMap<>();

  private static String key(String kind, String namespace, String workload, String metric) {
    return kind + "|" + namespace + "|" + workload + "|" + metric;
  }

  /** Average utilisation of a resource ({@code cpu}, {@code memory}) in percent of requests over the pods. */
  public void setUtilization(String namespace, String workload, String resource, double percent) {
    values.put(key("resource", namespace, workload, resource), percent);
  }

  /** Average value of a per-pod metric over the workload's pods. */
  public void setPodMetric(String namespace, String workload, String metric, double averageValue) {
    values.put(key("pods", namespace, workload, metric), averageValue);
  }

  /** Value of an external metric. */
  public void setExternal(String metric, double value) {
    values.put(key("external", "", "", metric), value);
  }

  public Optional<Double> utilization(String namespace, String workload, String resource) {
    return Optional.ofNullable(values.get(key("resource", namespace, workload, resource)));
  }

  public Optional<Double> podMetric(String namespace, String workload, String metric) {
    return Optional.ofNullable(values.get(key("pods", namespace, workload, metric)));
  }

  public Optional<Double> external(String metric) {
    return Optional.ofNullable(values.get(key("external", "", "", metric)));
  }
}
