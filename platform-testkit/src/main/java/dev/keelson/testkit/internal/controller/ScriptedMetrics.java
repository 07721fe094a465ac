package dev.keelson.testkit.internal.controller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values a test scripts for the custom and external metrics APIs: per-pod metrics by workload (averaged over its
 * pods), external metrics by name. The HPA controller reads them for its Pods and External metrics; Resource metrics
 * come from the pods' CPU and memory series instead.
 */
public final class ScriptedMetrics {

  private final Map<String, Double> values = new ConcurrentHashMap<>();

  private static String key(String kind, String namespace, String workload, String metric) {
    return kind + "|" + namespace + "|" + workload + "|" + metric;
  }

  /** Average value of a per-pod metric over the workload's pods. */
  public void setPodMetric(String namespace, String workload, String metric, double averageValue) {
    values.put(key("pods", namespace, workload, metric), averageValue);
  }

  /** Value of an external metric. */
  public void setExternal(String metric, double value) {
    values.put(key("external", "", "", metric), value);
  }

  public Optional<Double> podMetric(String namespace, String workload, String metric) {
    return Optional.ofNullable(values.get(key("pods", namespace, workload, metric)));
  }

  public Optional<Double> external(String metric) {
    return Optional.ofNullable(values.get(key("external", "", "", metric)));
  }
}
