package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.prom.Labels;
import dev.keelson.testkit.internal.prom.ResultJson;
import dev.keelson.testkit.internal.prom.SeriesSource.StoredSeries;
import dev.keelson.testkit.internal.series.ScriptedSeries.CustomSeries;
import dev.keelson.testkit.internal.series.ScriptedSeries.Property;
import dev.keelson.testkit.internal.series.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The series of one pod, named as the exporters users scrape in production name them:
 * <ul>
 *   <li>an instrumented HTTP server: {@code http_requests_total{code}} (counter),
 *       {@code http_request_duration_seconds_bucket{le}}, {@code _sum}, {@code _count} (histogram);</li>
 *   <li>cAdvisor (kubelet): {@code container_cpu_usage_seconds_total} (counter),
 *       {@code container_memory_working_set_bytes} (gauge), per container;</li>
 *   <li>kube-state-metrics: {@code kube_pod_container_resource_requests} and {@code _limits}
 *       ({@code resource}, {@code unit}), from the pod's spec;</li>
 *   <li>custom series scripted by name.</li>
 * </ul>
 * Every series carries {@code namespace} and {@code pod}; the container series {@code container} too.
 */
final class PodSeriesFactory {

  static final String REQUESTS = "http_requests_total";
  static final String DURATION = "http_request_duration_seconds";
  static final String CPU = "container_cpu_usage_seconds_total";
  static final String MEMORY = "container_memory_working_set_bytes";
  static final String REQUESTS_SPEC = "kube_pod_container_resource_requests";
  static final String LIMITS_SPEC = "kube_pod_container_resource_limits";

  private final ScriptedSeries scripts;

  PodSeriesFactory(ScriptedSeries scripts) {
    this.scripts = scripts;
  }

  /** The pod's series, only those of {@code metricName} when it is not null. */
  List<StoredSeries> seriesOf(TrackedPod pod, String metricName) {
    List<StoredSeries> out = new ArrayList<>();
    Labels base = Labels.of("namespace", pod.namespace(), "pod", pod.name());
    if (wants(metricName, REQUESTS, DURATION + "_bucket", DURATION + "_sum", DURATION + "_count")) {
      http(pod, base, metricName, out::add);
    }
    if (wants(metricName, CPU, MEMORY)) {
      for (TrackedPod.Container c : pod.containers()) {
        Labels labels = base.with("container", c.name());
        if (wants(metricName, CPU)) {
          add(out::add, pod, labels.with(Labels.NAME, CPU), nonNegative(scripts.containerUsage(pod, c,
              Property.CPU_CORES)), true);
        }
        if (wants(metricName, MEMORY)) {
          add(out::add, pod, labels.with(Labels.NAME, MEMORY), scripts.containerUsage(pod, c, Property.MEMORY_BYTES),
              false);
        }
      }
    }
    if (wants(metricName, REQUESTS_SPEC, LIMITS_SPEC)) {
      resources(pod, base, metricName, out);
    }
    for (CustomSeries custom : scripts.customSeriesOf(pod)) {
      if (metricName == null || metricName.equals(custom.metric())) {
        List<Segment<Curve>> curve = ScriptedSeries.castCurves(scripts.resolve(pod, null, custom.key()));
        Labels labels = base.with(custom.labels()).with(Labels.NAME, custom.metric());
        add(out::add, pod, labels, custom.counter() ? nonNegative(curve) : curve, custom.counter());
      }
    }
    return out;
  }

  private void http(TrackedPod pod, Labels base, String metricName, Consumer<StoredSeries> out) {
    List<Segment<Curve>> rate = nonNegative(curves(pod, null, Property.REQUEST_RATE));
    if (rate.isEmpty()) {
      return;
    }
    List<Segment<Curve>> errors = new ArrayList<>(curves(pod, null, Property.ERROR_RATIO));
    if (errors.isEmpty() || errors.get(0).from() > rate.get(0).from()) {
      // Until an error ratio is scripted, every request succeeds.
      errors.add(0, new Segment<>(rate.get(0).from(), Curve.constant(0)));
    }
    List<Segment<Curve>> ratio = Pieces.map(errors, c -> c.map(e -> Math.min(1, Math.max(0, e))));
    if (wants(metricName, REQUESTS)) {
      Labels labels = base.with(Labels.NAME, REQUESTS);
      add(out, pod, labels.with("code", "200"), Pieces.combine(rate, ratio, (r, e) -> product(r, e, false)), true);
      add(out, pod, labels.with("code", "500"), Pieces.combine(rate, ratio, (r, e) -> product(r, e, true)), true);
    }
    List<Segment<LatencyDistribution>> latency = scripts.resolve(pod, null, Property.LATENCY.name());
    if (latency.isEmpty()) {
      return;
    }
    if (wants(metricName, DURATION + "_bucket")) {
      // Bounds written as client_golang writes them (Go's shortest float format): 0.005, 1, +Inf.
      List<Double> bounds = new ArrayList<>();
      for (double b : scripts.buckets()) {
        bounds.add(b);
      }
      bounds.add(Double.POSITIVE_INFINITY);
      for (double bound : bounds) {
        Labels labels = base.with(Labels.NAME, DURATION + "_bucket").with("le", ResultJson.number(bound));
        add(out, pod, labels, Pieces.combine(rate, latency, (r, l) -> r.map(v -> v * l.shareAtMost(bound))), true);
      }
    }
    if (wants(metricName, DURATION + "_count")) {
      add(out, pod, base.with(Labels.NAME, DURATION + "_count"), rate, true);
    }
    if (wants(metricName, DURATION + "_sum")) {
      add(out, pod, base.with(Labels.NAME, DURATION + "_sum"),
          Pieces.combine(rate, latency, (r, l) -> r.map(v -> v * l.mean())), true);
    }
  }

  private void resources(TrackedPod pod, Labels base, String metricName, List<StoredSeries> out) {
    for (TrackedPod.Container c : pod.containers()) {
      for (String metric : List.of(REQUESTS_SPEC, LIMITS_SPEC)) {
        if (!wants(metricName, metric)) {
          continue;
        }
        Map<String, Double> values = metric.equals(REQUESTS_SPEC) ? c.requests() : c.limits();
        values.forEach((resource, value) -> {
          String unit = resource.equals("cpu") ? "core" : resource.equals("memory") ? "byte" : "";
          Labels labels = base.with(Labels.NAME, metric).with("container", c.name()).with("node", pod.node())
              .with("resource", resource).with("unit", unit);
          out.add(new CurveSeries(pod.uid() + labels, labels, List.of(new Segment<>(pod.created(),
              Curve.constant(value))), false, pod.created(), pod.ended(), scripts));
        });
      }
    }
  }

  private List<Segment<Curve>> curves(TrackedPod pod, String container, Property property) {
    return ScriptedSeries.castCurves(scripts.resolve(pod, container, property.name()));
  }

  private void add(Consumer<StoredSeries> out, TrackedPod pod, Labels labels, List<Segment<Curve>> curve,
      boolean counter) {
    if (!curve.isEmpty() && pod.started() >= 0) {
      out.accept(new CurveSeries(pod.uid() + labels, labels, curve, counter, pod.started(), pod.ended(), scripts));
    }
  }

  /** The rate of requests answered 500 ({@code errors}) or 200. */
  private static Curve product(Curve rate, Curve errorRatio, boolean errors) {
    return Curve.of(millis -> {
      double e = errorRatio.at(millis);
      return rate.at(millis) * (errors ? e : 1 - e);
    }, rate.constant() && errorRatio.constant());
  }

  /** Counters only grow: a scripted rate below zero counts as zero. */
  static List<Segment<Curve>> nonNegative(List<Segment<Curve>> curve) {
    return Pieces.map(curve, c -> c.map(v -> Math.max(0, v)));
  }

  private static boolean wants(String metricName, String... names) {
    if (metricName == null) {
      return true;
    }
    for (String n : names) {
      if (n.equals(metricName)) {
        return true;
      }
    }
    return false;
  }

}
