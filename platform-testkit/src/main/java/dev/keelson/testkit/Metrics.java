package dev.keelson.testkit;

import dev.keelson.testkit.internal.controller.ScriptedMetrics;
import dev.keelson.testkit.internal.series.PodScope;
import dev.keelson.testkit.internal.series.ScriptedSeries;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Metrics of the simulated cluster, scripted by the test. The pods' series are the one source of truth for CPU and
 * memory: the simulated Prometheus, the resource metrics API and the autoscalers all read them.
 * <ul>
 *   <li>The simulated Prometheus at {@link SimulatedCluster#prometheusUrl()} serves per-pod series under the names
 *       real exporters use ({@code http_requests_total}, {@code http_request_duration_seconds_bucket},
 *       {@code container_cpu_usage_seconds_total}, {@code container_memory_working_set_bytes}, ...) for the live pods
 *       of each workload, so release analysis and rightsizing run the PromQL they run in production.</li>
 *   <li>The resource metrics API ({@code metrics.k8s.io/v1beta1}, what {@code client.top()} and {@code kubectl top}
 *       read) serves the same CPU and memory as metrics-server would: usage over its 15 s window, per container,
 *       for pods it has scraped twice. Horizontal pod autoscalers read their Resource metrics (CPU and memory
 *       utilisation) from it, per pod, every 15 s of virtual time.</li>
 *   <li>Autoscalers' Pods and External metrics come from {@link #podMetric} and {@link #externalMetric}.</li>
 * </ul>
 * Scripted values take effect at the virtual now and stay until scripted again; functions receive the seconds of
 * virtual time elapsed since they were scripted. Rates are per pod: a workload of four pods scripted at 25 requests
 * per second serves 100.
 *
 * <pre>{@code
 * cluster.metrics().cpuUtilization("shop", "web", 140);            // each pod of web at 140% of its CPU request
 * cluster.metrics().requestRate("shop", "web", 25)                 // each pod of web: 25 req/s ...
 *     .errorRate("shop", "web", 0.001)                             // ... 0.1% of them answered 500
 *     .latency("shop", "web", q -> 0.020 + 0.180 * q);             // durations from 20 ms (p0) to 200 ms (p100)
 * cluster.metrics().forPods("shop", "track=canary").errorRate(0.05);   // the canary's pods fail more
 * cluster.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class Metrics {

  private final ScriptedMetrics metrics;
  private final ScriptedSeries series;

  Metrics(ScriptedMetrics metrics, ScriptedSeries series) {
    this.metrics = metrics;
    this.series = series;
  }

  /**
   * CPU each container of the workload's pods uses, in percent of its CPU request: the autoscalers' utilisation;
   * see {@link PodMetrics#cpuUtilization(double)}.
   */
  public Metrics cpuUtilization(String namespace, String workload, double percent) {
    forWorkload(namespace, workload).cpuUtilization(percent);
    return this;
  }

  /**
   * Working-set memory of each container of the workload's pods, in percent of its memory request; see
   * {@link PodMetrics#memoryUtilization(double)}.
   */
  public Metrics memoryUtilization(String namespace, String workload, double percent) {
    forWorkload(namespace, workload).memoryUtilization(percent);
    return this;
  }

  /** Average value of a custom per-pod metric, e.g. requests per second, as autoscalers' Pods metrics see it. */
  public Metrics podMetric(String namespace, String workload, String metric, double averageValue) {
    metrics.setPodMetric(namespace, workload, metric, averageValue);
    return this;
  }

  /** Value of an external metric, e.g. a queue's depth, as autoscalers' External metrics see it. */
  public Metrics externalMetric(String metric, double value) {
    metrics.setExternal(metric, value);
    return this;
  }

  // ---- series of the simulated Prometheus ----

  /**
   * The pods of a workload (a Deployment, StatefulSet, DaemonSet, Job, CronJob or ReplicaSet, found through each
   * pod's controller chain), to script their series.
   */
  public PodMetrics forWorkload(String namespace, String workload) {
    return new PodMetrics(series, PodScope.workload(namespace, workload));
  }

  /**
   * The pods of a namespace that a label selector picks (Kubernetes syntax, e.g. {@code track=canary} or
   * {@code pod-template-hash=5d9c7f}); what is scripted here wins over what is scripted for their workload.
   */
  public PodMetrics forPods(String namespace, String labelSelector) {
    return new PodMetrics(series, PodScope.selector(namespace, labelSelector));
  }

  /** One pod by name; what is scripted here wins over what is scripted for its workload or by selector. */
  public PodMetrics forPod(String namespace, String pod) {
    return new PodMetrics(series, PodScope.pod(namespace, pod));
  }

  /** Requests per second each pod of the workload serves; see {@link PodMetrics#requestRate(double)}. */
  public Metrics requestRate(String namespace, String workload, double perSecond) {
    forWorkload(namespace, workload).requestRate(perSecond);
    return this;
  }

  /** Share of the workload's requests answered 500; see {@link PodMetrics#errorRate(double)}. */
  public Metrics errorRate(String namespace, String workload, double fraction) {
    forWorkload(namespace, workload).errorRate(fraction);
    return this;
  }

  /** Request durations of the workload's pods by quantile; see {@link PodMetrics#latency}. */
  public Metrics latency(String namespace, String workload, DoubleUnaryOperator secondsAtQuantile) {
    forWorkload(namespace, workload).latency(secondsAtQuantile);
    return this;
  }

  /** CPU each container of the workload's pods uses, in cores; see {@link PodMetrics#cpuUsage(double)}. */
  public Metrics cpuUsage(String namespace, String workload, double cores) {
    forWorkload(namespace, workload).cpuUsage(cores);
    return this;
  }

  /** Working-set memory of each container of the workload's pods; see {@link PodMetrics#memoryUsage(double)}. */
  public Metrics memoryUsage(String namespace, String workload, double bytes) {
    forWorkload(namespace, workload).memoryUsage(bytes);
    return this;
  }

  /**
   * A series of no pod, by metric name and labels, e.g. a queue's depth or a load balancer's request counter.
   *
   * <pre>{@code
   * cluster.metrics().series("queue_depth", Map.of("queue", "orders")).value(t -> 100 + t);
   * }</pre>
   */
  public SeriesScript series(String metricName, Map<String, String> labels) {
    return new SeriesScript(series, null, metricName, labels);
  }

  /** How often the simulated Prometheus scrapes (15 s unless set); samples fall on multiples of it. */
  public Metrics scrapeInterval(Duration interval) {
    series.scrapeInterval(interval);
    return this;
  }

  /**
   * The upper bounds, in seconds, of {@code http_request_duration_seconds}' buckets; {@code +Inf} is added. The
   * default is client_golang's: 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10.
   */
  public Metrics latencyBuckets(double... upperBounds) {
    series.latencyBuckets(upperBounds);
    return this;
  }
}
