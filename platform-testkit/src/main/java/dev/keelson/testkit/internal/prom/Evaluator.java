package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Aggregate;
import dev.keelson.testkit.internal.prom.Expr.Binary;
import dev.keelson.testkit.internal.prom.Expr.Call;
import dev.keelson.testkit.internal.prom.Expr.MatrixSelector;
import dev.keelson.testkit.internal.prom.Expr.Negation;
import dev.keelson.testkit.internal.prom.Expr.NumberLiteral;
import dev.keelson.testkit.internal.prom.Expr.StringLiteral;
import dev.keelson.testkit.internal.prom.Expr.VectorSelector;
import dev.keelson.testkit.internal.prom.SeriesSource.StoredSeries;
import dev.keelson.testkit.internal.prom.Value.Matrix;
import dev.keelson.testkit.internal.prom.Value.Point;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Scalar;
import dev.keelson.testkit.internal.prom.Value.Series;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates parsed PromQL over a {@link SeriesSource} at an instant, or at every step of a range, with Prometheus'
 * 2.x semantics: an instant selector takes each series' latest sample in {@code [t - 5m, t]}; a range selector
 * takes the samples in {@code [t - range, t]} (Prometheus 3 leaves both windows open on the left).
 *
 * <pre>{@code
 * Value v = new Evaluator(source).instant(Parser.parse("sum(rate(http_requests_total[1m]))"), nowMillis);
 * }</pre>
 */
public final class Evaluator {

  /** Prometheus' default {@code --query.lookback-delta}. */
  static final long LOOKBACK_MILLIS = 5 * 60_000L;
  /** Prometheus refuses range queries with more points than this per series. */
  static final int MAX_POINTS = 11_000;

  private final SeriesSource source;

  public Evaluator(SeriesSource source) {
    this.source = source;
  }

  /** The value of an expression at {@code t} (Unix milliseconds). */
  public Value instant(Expr expr, long t) {
    return eval(expr, t);
  }

  /**
   * The value of a scalar or instant-vector expression at every step from {@code start} to {@code end}, as the
   * series of a matrix sorted by labels.
   */
  public Matrix range(Expr expr, long start, long end, long step) {
    if (expr.type() != Expr.Type.SCALAR && expr.type() != Expr.Type.VECTOR) {
      throw PromQlException.badData("invalid expression type \"" + expr.type() + "\" for range query, must be "
          + "Scalar or instant Vector");
    }
    if ((end - start) / step + 1 > MAX_POINTS) {
      throw PromQlException.badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing "
          + "the query resolution (?step=XX)");
    }
    Map<Labels, List<Point>> series = new TreeMap<>();
    for (long t = start; t <= end; t += step) {
      Value v = eval(expr, t);
      if (v instanceof Scalar s) {
        series.computeIfAbsent(Labels.EMPTY, k -> new ArrayList<>()).add(new Point(t, s.value()));
      } else {
        for (Sample sample : ((Vector) v).samples()) {
          series.computeIfAbsent(sample.labels(), k -> new ArrayList<>()).add(new Point(t, sample.value()));
        }
      }
    }
    List<Series> out = new ArrayList<>();
    series.forEach((labels, points) -> out.add(new Series(labels, List.copyOf(points))));
    return new Matrix(out);
  }

  Value eval(Expr expr, long t) {
    if (expr instanceof NumberLiteral n) {
      return new Scalar(n.value());
    }
    if (expr instanceof StringLiteral s) {
      return new Value.Text(s.value());
    }
    if (expr instanceof VectorSelector vs) {
      return selectInstant(vs, t);
    }
    if (expr instanceof MatrixSelector ms) {
      return selectRange(ms, t);
    }
    if (expr instanceof Negation neg) {
      return BinaryOperations.negate(eval(neg.expr(), t));
    }
    if (expr instanceof Binary b) {
      return BinaryOperations.apply(b, eval(b.lhs(), t), eval(b.rhs(), t));
    }
    if (expr instanceof Aggregate a) {
      return Aggregations.apply(a, (Vector) eval(a.expr(), t));
    }
    Call call = (Call) expr;
    List<Value> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      args.add(eval(arg, t));
    }
    Value result = Functions.apply(call, args, t);
    if (result instanceof Vector v) {
      requireUniqueLabels(v);
    }
    return result;
  }

  private Vector selectInstant(VectorSelector vs, long t) {
    List<Sample> out = new ArrayList<>();
    for (StoredSeries s : select(vs)) {
      List<Point> points = s.samples(t - LOOKBACK_MILLIS, t);
      if (!points.isEmpty() && !s.staleAt(t)) {
        out.add(new Sample(s.labels(), points.get(points.size() - 1).v()));
      }
    }
    out.sort(Comparator.comparing(Sample::labels));
    return new Vector(out);
  }

  private Matrix selectRange(MatrixSelector ms, long t) {
    List<Series> out = new ArrayList<>();
    for (StoredSeries s : select(ms.selector())) {
      List<Point> points = s.samples(t - ms.rangeMillis(), t);
      if (!points.isEmpty()) {
        out.add(new Series(s.labels(), points));
      }
    }
    out.sort(Comparator.comparing(Series::labels));
    return new Matrix(out);
  }

  private List<StoredSeries> select(VectorSelector vs) {
    return source.select(vs.metricName(), vs::matches);
  }

  private static void requireUniqueLabels(Vector v) {
    Set<Labels> seen = new HashSet<>();
    for (Sample s : v.samples()) {
      if (!seen.add(s.labels())) {
        throw PromQlException.execution("vector cannot contain metrics with the same labelset");
      }
    }
  }
}
