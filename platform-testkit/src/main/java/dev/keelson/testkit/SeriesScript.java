package dev.keelson.testkit;

import dev.keelson.testkit.internal.prom.Labels;
import dev.keelson.testkit.internal.series.PodScope;
import dev.keelson.testkit.internal.series.ScriptedSeries;
import dev.keelson.testkit.internal.series.Signal;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;

/**
 * One scripted series of the simulated Prometheus, by metric name and labels: a gauge ({@link #value}) or a counter
 * that grows at a rate ({@link #rate}), so that {@code rate(name[5m])} gives the scripted rate back. Each call takes
 * effect at the virtual now; a function receives the seconds of virtual time since it was scripted.
 *
 * <pre>{@code
 * cluster.metrics().series("queue_depth", Map.of("queue", "orders")).value(120);
 * cluster.metrics().series("lb_requests_total", Map.of("lb", "edge")).rate(t -> t < 600 ? 200 : 400);
 * }</pre>
 */
public final class SeriesScript {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> POD_LABELS = Set.of("namespace", "pod");

  private final ScriptedSeries series;
  private final PodScope scope;
  private final String metric;
  private final Labels labels;

  SeriesScript(ScriptedSeries series, PodScope scope, String metric, Map<String, String> labels) {
    if (metric == null || !METRIC_NAME.matcher(metric).matches()) {
      throw new IllegalArgumentException("not a valid metric name: \"" + metric + "\"");
    }
    for (String name : labels.keySet()) {
      if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
        throw new IllegalArgumentException("not a valid label name: \"" + name + "\"");
      }
      if (scope != null && POD_LABELS.contains(name)) {
        throw new IllegalArgumentException("label \"" + name + "\" of a pod's series is set by the simulated "
            + "cluster");
      }
    }
    this.series = series;
    this.scope = scope;
    this.metric = metric;
    this.labels = Labels.of(labels);
  }

  /** A gauge at this value. */
  public SeriesScript value(double value) {
    return set(false, Signal.constant(finite(value)));
  }

  /** A gauge following a function of the seconds since now. */
  public SeriesScript value(DoubleUnaryOperator valueAt) {
    return set(false, Signal.of(valueAt));
  }

  /** A counter growing by this much per second. */
  public SeriesScript rate(double perSecond) {
    return set(true, Signal.constant(PodMetrics.nonNegative(perSecond, "a counter's rate")));
  }

  /** A counter growing at a rate that follows a function of the seconds since now; negative rates count as 0. */
  public SeriesScript rate(DoubleUnaryOperator perSecondAt) {
    return set(true, Signal.of(perSecondAt));
  }

  private SeriesScript set(boolean counter, Signal signal) {
    series.setCustom(scope, metric, labels, counter, signal);
    return this;
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a gauge's value must be finite, got " + value);
    }
    return value;
  }
}
