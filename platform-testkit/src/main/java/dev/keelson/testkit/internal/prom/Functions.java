package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Call;
import dev.keelson.testkit.internal.prom.Value.Matrix;
import dev.keelson.testkit.internal.prom.Value.Point;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Scalar;
import dev.keelson.testkit.internal.prom.Value.Series;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/** The PromQL functions of {@link Function}, as Prometheus 2.x computes them. */
final class Functions {

  private Functions() {
  }

  static Value apply(Call call, List<Value> args, long t) {
    Function f = call.function();
    return switch (f) {
      case RATE -> perSeries(args.get(0), 2, s -> extrapolatedDelta(s, rangeOf(call), t, true, true));
      case INCREASE -> perSeries(args.get(0), 2, s -> extrapolatedDelta(s, rangeOf(call), t, true, false));
      case DELTA -> perSeries(args.get(0), 2, s -> extrapolatedDelta(s, rangeOf(call), t, false, false));
      case IRATE -> perSeries(args.get(0), 2, Functions::instantRate);
      case AVG_OVER_TIME -> perSeries(args.get(0), 1, s -> values(s).average().orElse(Double.NaN));
      case MIN_OVER_TIME -> perSeries(args.get(0), 1, s -> values(s).min().orElse(Double.NaN));
      case MAX_OVER_TIME -> perSeries(args.get(0), 1, s -> values(s).max().orElse(Double.NaN));
      case SUM_OVER_TIME -> perSeries(args.get(0), 1, s -> values(s).sum());
      case COUNT_OVER_TIME -> perSeries(args.get(0), 1, s -> s.points().size());
      case LAST_OVER_TIME -> perSeries(args.get(0), 1, s -> s.points().get(s.points().size() - 1).v());
      case QUANTILE_OVER_TIME -> {
        double q = ((Scalar) args.get(0)).value();
        yield perSeries(args.get(1), 1, s -> quantile(q, values(s).toArray()));
      }
      case HISTOGRAM_QUANTILE -> HistogramQuantile.apply(((Scalar) args.get(0)).value(), (Vector) args.get(1));
      case ABS -> map(args.get(0), Math::abs);
      case CEIL -> map(args.get(0), Math::ceil);
      case FLOOR -> map(args.get(0), Math::floor);
      case CLAMP_MIN -> map(args.get(0), v -> Math.max(v, ((Scalar) args.get(1)).value()));
      case CLAMP_MAX -> map(args.get(0), v -> Math.min(v, ((Scalar) args.get(1)).value()));
      case VECTOR -> new Vector(List.of(new Sample(Labels.EMPTY, ((Scalar) args.get(0)).value())));
      case SCALAR -> {
        List<Sample> samples = ((Vector) args.get(0)).samples();
        yield new Scalar(samples.size() == 1 ? samples.get(0).value() : Double.NaN);
      }
      case TIME -> new Scalar(t / 1000.0);
    };
  }

  private static long rangeOf(Call call) {
    return ((Expr.MatrixSelector) call.args().get(0)).rangeMillis();
  }

  private static java.util.stream.DoubleStream values(Series s) {
    return s.points().stream().mapToDouble(Point::v);
  }

  /** One output sample per input series (without the metric name); series with too few points are left out. */
  private static Vector perSeries(Value matrix, int minPoints, ToDoubleFunction<Series> f) {
    List<Sample> out = new ArrayList<>();
    for (Series s : ((Matrix) matrix).series()) {
      if (s.points().size() >= minPoints) {
        out.add(new Sample(s.labels().withoutName(), f.applyAsDouble(s)));
      }
    }
    return new Vector(out);
  }

  private static Vector map(Value vector, DoubleUnaryOperator f) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : ((Vector) vector).samples()) {
      out.add(new Sample(s.labels().withoutName(), f.applyAsDouble(s.value())));
    }
    return new Vector(out);
  }

  /**
   * Prometheus' {@code extrapolatedRate}: the change over the window (with counter resets added back), extrapolated
   * to the window's edges when the first and last samples lie close to them, and never below a counter's zero.
   * NaN (dropped) for fewer than two samples.
   */
  static double extrapolatedDelta(Series s, long rangeMillis, long t, boolean counter, boolean perSecond) {
    List<Point> p = s.points();
    if (p.size() < 2) {
      return Double.NaN;
    }
    Point first = p.get(0);
    Point last = p.get(p.size() - 1);
    double result = last.v() - first.v();
    if (counter) {
      double previous = 0;
      for (Point point : p) {
        if (point.v() < previous) {
          result += previous;
        }
        previous = point.v();
      }
    }
    double durationToStart = (first.t() - (t - rangeMillis)) / 1000.0;
    double durationToEnd = (t - last.t()) / 1000.0;
    double sampled = (last.t() - first.t()) / 1000.0;
    double averageInterval = sampled / (p.size() - 1);
    if (counter && result > 0 && first.v() >= 0) {
      double durationToZero = sampled * (first.v() / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageInterval * 1.1;
    double extrapolateTo = sampled;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
    result = result * (extrapolateTo / sampled);
    return perSecond ? result / (rangeMillis / 1000.0) : result;
  }

  /** {@code irate}: the per-second change between the last two samples, a drop taken as a counter reset. */
  private static double instantRate(Series s) {
    List<Point> p = s.points();
    if (p.size() < 2) {
      return Double.NaN;
    }
    Point last = p.get(p.size() - 1);
    Point previous = p.get(p.size() - 2);
    double delta = last.v() < previous.v() ? last.v() : last.v() - previous.v();
    return delta / ((last.t() - previous.t()) / 1000.0);
  }

  /** Prometheus' {@code quantile}: linear interpolation between the closest ranks of the sorted values. */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = q * (sorted.length - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(sorted.length - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted[lower] * (1 - weight) + sorted[upper] * weight;
  }
}
