package dev.keelson.testkit;

import dev.keelson.testkit.internal.series.LatencyDistribution;
import dev.keelson.testkit.internal.series.PodScope;
import dev.keelson.testkit.internal.series.ScriptedSeries;
import dev.keelson.testkit.internal.series.ScriptedSeries.Property;
import dev.keelson.testkit.internal.series.Signal;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Series of a set of pods (a workload's, a label selector's, or one pod) for the simulated Prometheus (and, for CPU
 * and memory, the resource metrics API and the autoscalers that read it). Each value
 * applies to every pod of the set while it runs (from its first container start until it is deleted or finishes),
 * takes effect at the virtual now and stays until scripted again. A function receives the seconds of virtual time
 * since it was scripted.
 *
 * <p>The series, with labels {@code namespace} and {@code pod}:
 * <ul>
 *   <li>{@code http_requests_total{code="200"|"500"}}: counter of requests, from {@link #requestRate} and
 *       {@link #errorRate};</li>
 *   <li>{@code http_request_duration_seconds_bucket{le}}, {@code _sum}, {@code _count}: histogram of request
 *       durations, once {@link #latency} is scripted too;</li>
 *   <li>{@code container_cpu_usage_seconds_total{container}}: counter of CPU seconds, from {@link #cpuUsage} or
 *       {@link #cpuUtilization};</li>
 *   <li>{@code container_memory_working_set_bytes{container}}: gauge, from {@link #memoryUsage} or
 *       {@link #memoryUtilization};</li>
 *   <li>{@code kube_pod_container_resource_requests} / {@code _limits{container,node,resource,unit}}: from the pod's
 *       spec, always.</li>
 * </ul>
 *
 * <pre>{@code
 * cluster.metrics().forWorkload("shop", "web").requestRate(50).errorRate(0.002).cpuUsage(t -> 0.2 + 0.001 * t);
 * cluster.metrics().forPods("shop", "track=canary").errorRate(0.08);
 * }</pre>
 */
public final class PodMetrics {

  private final ScriptedSeries series;
  private final PodScope scope;

  PodMetrics(ScriptedSeries series, PodScope scope) {
    this.series = series;
    this.scope = scope;
  }

  /**
   * Only the named container of these pods, for {@link #cpuUsage} and {@link #memoryUsage} (which otherwise apply to
   * every container); wins over what is scripted for the pods as a whole.
   */
  public PodMetrics container(String name) {
    return new PodMetrics(series, scope.withContainer(name));
  }

  /** Requests per second each pod serves. */
  public PodMetrics requestRate(double perSecond) {
    return set(Property.REQUEST_RATE, Signal.constant(nonNegative(perSecond, "request rate")));
  }

  /** Requests per second each pod serves, as a function of the seconds since now; negative values count as 0. */
  public PodMetrics requestRate(DoubleUnaryOperator perSecondAt) {
    return set(Property.REQUEST_RATE, Signal.of(perSecondAt));
  }

  /** The share of requests answered with code 500 (the rest are answered 200); 0 until scripted. */
  public PodMetrics errorRate(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("an error rate is a fraction between 0 and 1, got " + fraction);
    }
    return set(Property.ERROR_RATIO, Signal.constant(fraction));
  }

  /** The share of requests answered 500, as a function of the seconds since now; clamped to [0, 1]. */
  public PodMetrics errorRate(DoubleUnaryOperator fractionAt) {
    return set(Property.ERROR_RATIO, Signal.of(fractionAt));
  }

  /**
   * How long requests take, as the quantile function of their durations: {@code q -> seconds} for q in [0, 1], never
   * decreasing. {@code q -> 0.05 + 0.45 * q} spreads durations evenly from 50 ms to 500 ms, so p99 is 495.5 ms;
   * {@code histogram_quantile} over the buckets finds it up to Prometheus' interpolation within a bucket.
   */
  public PodMetrics latency(DoubleUnaryOperator secondsAtQuantile) {
    series.setLatency(scope, LatencyDistribution.of(secondsAtQuantile));
    return this;
  }

  /** CPU each container uses, in cores. */
  public PodMetrics cpuUsage(double cores) {
    return set(Property.CPU_CORES, Signal.constant(nonNegative(cores, "CPU usage")));
  }

  /** CPU each container uses, in cores, as a function of the seconds since now. */
  public PodMetrics cpuUsage(DoubleUnaryOperator coresAt) {
    return set(Property.CPU_CORES, Signal.of(coresAt));
  }

  /**
   * CPU each container uses, in percent of its own CPU request (a container requesting none uses none): the
   * utilisation an autoscaler's Resource metric sees, whatever the containers request. Like {@link #cpuUsage}, it
   * shows in {@code container_cpu_usage_seconds_total} and the resource metrics API, and replaces what either
   * scripted before for these pods.
   */
  public PodMetrics cpuUtilization(double percentOfRequest) {
    return share(Property.CPU_CORES, Signal.constant(nonNegative(percentOfRequest, "CPU utilisation") / 100));
  }

  /** CPU each container uses, in percent of its CPU request, as a function of the seconds since now. */
  public PodMetrics cpuUtilization(DoubleUnaryOperator percentOfRequestAt) {
    return share(Property.CPU_CORES, Signal.of(t -> percentOfRequestAt.applyAsDouble(t) / 100));
  }

  /** Working-set memory of each container, in percent of its own memory request (none without a request). */
  public PodMetrics memoryUtilization(double percentOfRequest) {
    return share(Property.MEMORY_BYTES, Signal.constant(nonNegative(percentOfRequest, "memory utilisation") / 100));
  }

  /** Working-set memory of each container, in percent of its memory request, as a function of the seconds since now. */
  public PodMetrics memoryUtilization(DoubleUnaryOperator percentOfRequestAt) {
    return share(Property.MEMORY_BYTES, Signal.of(t -> percentOfRequestAt.applyAsDouble(t) / 100));
  }

  /** Working-set memory of each container, in bytes. */
  public PodMetrics memoryUsage(double bytes) {
    return set(Property.MEMORY_BYTES, Signal.constant(nonNegative(bytes, "memory usage")));
  }

  /** Working-set memory of each container, in bytes, as a function of the seconds since now. */
  public PodMetrics memoryUsage(DoubleUnaryOperator bytesAt) {
    return set(Property.MEMORY_BYTES, Signal.of(bytesAt));
  }

  /**
   * A series of each of these pods by metric name and labels (besides {@code namespace} and {@code pod}, which are
   * set for you), e.g. {@code series("jvm_threads_live", Map.of()).value(40)}.
   */
  public SeriesScript series(String metricName, Map<String, String> labels) {
    return new SeriesScript(series, scope, metricName, labels);
  }

  private PodMetrics share(Property property, Signal shareOfRequest) {
    series.setShareOfRequest(scope, property, shareOfRequest);
    return this;
  }

  private PodMetrics set(Property property, Signal signal) {
    series.set(scope, property, signal);
    return this;
  }

  static double nonNegative(double value, String what) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number of at least 0, got " + value);
    }
    return value;
  }
}
