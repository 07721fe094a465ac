package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Aggregate;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code sum}, {@code avg}, {@code min}, {@code max}, {@code count}, {@code group}: {@code by} or {@code without}. */
final class Aggregations {

  private Aggregations() {
  }

  static Vector apply(Aggregate a, Vector input) {
    Map<Labels, List<Double>> groups = new TreeMap<>();
    Set<String> without = new HashSet<>(a.grouping());
    without.add(Labels.NAME);
    for (Sample s : input.samples()) {
      Labels key = a.without() ? s.labels().without(without) : s.labels().only(a.grouping());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s.value());
    }
    List<Sample> out = new ArrayList<>();
    groups.forEach((labels, values) -> out.add(new Sample(labels, aggregate(a.op(), values))));
    return new Vector(out);
  }

  private static double aggregate(String op, List<Double> values) {
    return switch (op) {
      case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
      case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      case "count" -> values.size();
      case "group" -> 1;
      case "min" -> extreme(values, -1);
      case "max" -> extreme(values, 1);
      default -> throw new IllegalStateException("aggregation " + op + " passed the parser");
    };
  }

  /** The largest (sign 1) or smallest (sign -1) value; NaN only when every value is NaN, as in Prometheus. */
  private static double extreme(List<Double> values, int sign) {
    double best = Double.NaN;
    for (double v : values) {
      if (Double.isNaN(best) || !Double.isNaN(v) && Double.compare(v, best) * sign > 0) {
        best = v;
      }
    }
    return best;
  }
}
