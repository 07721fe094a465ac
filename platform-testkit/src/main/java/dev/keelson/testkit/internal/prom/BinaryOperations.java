package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Binary;
import dev.keelson.testkit.internal.prom.Expr.Matching;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Scalar;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic, comparison and set operators between scalars and instant vectors, with one-to-one vector matching on
 * all labels but the metric name, or {@code on(...)} / {@code ignoring(...)} some.
 */
final class BinaryOperations {

  private BinaryOperations() {
  }

  static Value negate(Value v) {
    if (v instanceof Scalar s) {
      return new Scalar(-s.value());
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ((Vector) v).samples()) {
      out.add(new Sample(s.labels().withoutName(), -s.value()));
    }
    return new Vector(out);
  }

  static Value apply(Binary b, Value lhs, Value rhs) {
    if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
      double v = compute(b.op(), l.value(), r.value());
      return new Scalar(b.isComparison() ? (v != 0 ? 1 : 0) : v);
    }
    if (lhs instanceof Vector l && rhs instanceof Vector r) {
      return b.isSetOperator() ? setOperation(b, l, r) : vectorVector(b, l, r);
    }
    boolean scalarLeft = lhs instanceof Scalar;
    Vector vector = (Vector) (scalarLeft ? rhs : lhs);
    double scalar = ((Scalar) (scalarLeft ? lhs : rhs)).value();
    List<Sample> out = new ArrayList<>();
    for (Sample s : vector.samples()) {
      double v = scalarLeft ? compute(b.op(), scalar, s.value()) : compute(b.op(), s.value(), scalar);
      result(b, s.labels(), s.value(), v).ifPresent(out::add);
    }
    return new Vector(out);
  }

  /**
   * The output sample of one pair: arithmetic drops the metric name; a comparison keeps the vector's (left-hand)
   * value when true and drops the sample when false, or gives 1/0 with {@code bool}.
   */
  private static java.util.Optional<Sample> result(Binary b, Labels labels, double keptValue, double computed) {
    if (!b.isComparison()) {
      return java.util.Optional.of(new Sample(labels.withoutName(), computed));
    }
    boolean holds = computed != 0;
    if (b.returnBool()) {
      return java.util.Optional.of(new Sample(labels.withoutName(), holds ? 1 : 0));
    }
    return holds ? java.util.Optional.of(new Sample(labels, keptValue)) : java.util.Optional.empty();
  }

  private static Vector vectorVector(Binary b, Vector lhs, Vector rhs) {
    Matching m = b.matching();
    Map<Labels, Sample> right = new HashMap<>();
    for (Sample s : rhs.samples()) {
      Sample previous = right.put(signature(m, s.labels()), s);
      if (previous != null) {
        throw PromQlException.execution("found duplicate series for the match group " + signature(m, s.labels())
            + " on the right hand-side of the operation: [" + s.labels() + ", " + previous.labels()
            + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Set<Labels> matchedLeft = new HashSet<>();
    List<Sample> out = new ArrayList<>();
    for (Sample l : lhs.samples()) {
      Labels sig = signature(m, l.labels());
      Sample r = right.get(sig);
      if (r == null) {
        continue;
      }
      if (!matchedLeft.add(sig)) {
        throw PromQlException.execution("multiple matches for labels: many-to-one matching must be explicit "
            + "(group_left/group_right)");
      }
      Labels labels = m.on() ? l.labels().only(m.labels()) : l.labels().without(m.labels());
      result(b, labels, l.value(), compute(b.op(), l.value(), r.value())).ifPresent(out::add);
    }
    return new Vector(out);
  }

  private static Vector setOperation(Binary b, Vector lhs, Vector rhs) {
    Matching m = b.matching();
    Set<Labels> rightSignatures = new HashSet<>();
    rhs.samples().forEach(s -> rightSignatures.add(signature(m, s.labels())));
    List<Sample> out = new ArrayList<>();
    switch (b.op()) {
      case "and" -> lhs.samples().stream().filter(s -> rightSignatures.contains(signature(m, s.labels())))
          .forEach(out::add);
      case "unless" -> lhs.samples().stream().filter(s -> !rightSignatures.contains(signature(m, s.labels())))
          .forEach(out::add);
      default -> {
        Set<Labels> leftSignatures = new HashSet<>();
        for (Sample s : lhs.samples()) {
          leftSignatures.add(signature(m, s.labels()));
          out.add(s);
        }
        rhs.samples().stream().filter(s -> !leftSignatures.contains(signature(m, s.labels()))).forEach(out::add);
      }
    }
    return new Vector(out);
  }

  /** The labels two samples must share to match. */
  private static Labels signature(Matching m, Labels labels) {
    if (m.on()) {
      return labels.only(m.labels());
    }
    Set<String> ignored = new HashSet<>(m.labels());
    ignored.add(Labels.NAME);
    return labels.without(ignored);
  }

  /** One operator on two numbers; comparisons give 1 for true and 0 for false. */
  private static double compute(String op, double l, double r) {
    return switch (op) {
      case "+" -> l + r;
      case "-" -> l - r;
      case "*" -> l * r;
      case "/" -> l / r;
      case "%" -> l % r;
      case "^" -> Math.pow(l, r);
      case "==" -> l == r ? 1 : 0;
      case "!=" -> l != r ? 1 : 0;
      case ">" -> l > r ? 1 : 0;
      case "<" -> l < r ? 1 : 0;
      case ">=" -> l >= r ? 1 : 0;
      case "<=" -> l <= r ? 1 : 0;
      default -> throw new IllegalStateException("operator " + op + " passed the parser");
    };
  }
}
