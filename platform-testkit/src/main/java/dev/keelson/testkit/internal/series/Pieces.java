package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.series.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Piecewise curves over virtual time, as lists of {@link Segment}s of {@link Curve}s (each in effect until the
 * next): combining two of them, and integrating one, exactly for constant pieces and by Simpson's rule otherwise.
 */
final class Pieces {

  /** Step of the numeric integration of scripted functions: fine enough for rates over any window of seconds. */
  private static final double STEP_SECONDS = 0.25;

  private Pieces() {
  }

  /** Where both are defined: {@code f} of the pieces of each in effect, cut at the boundaries of either. */
  static <A, B> List<Segment<Curve>> combine(List<Segment<A>> a, List<Segment<B>> b, BiFunction<A, B, Curve> f) {
    if (a.isEmpty() || b.isEmpty()) {
      return List.of();
    }
    long start = Math.max(a.get(0).from(), b.get(0).from());
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(start);
    a.forEach(s -> cuts.add(s.from()));
    b.forEach(s -> cuts.add(s.from()));
    List<Segment<Curve>> out = new ArrayList<>();
    for (long cut : cuts.tailSet(start)) {
      out.add(new Segment<>(cut, f.apply(Timeline.at(a, cut).value(), Timeline.at(b, cut).value())));
    }
    return out;
  }

  static List<Segment<Curve>> map(List<Segment<Curve>> pieces, java.util.function.UnaryOperator<Curve> f) {
    return pieces.stream().map(s -> new Segment<>(s.from(), f.apply(s.value()))).toList();
  }

  /** The integral over {@code [from, to]} (milliseconds) of the curve, in value × seconds; 0 where undefined. */
  static double integrate(List<Segment<Curve>> pieces, long from, long to) {
    double total = 0;
    for (int i = 0; i < pieces.size(); i++) {
      long a = Math.max(from, pieces.get(i).from());
      long b = Math.min(to, i + 1 < pieces.size() ? pieces.get(i + 1).from() : Long.MAX_VALUE);
      if (b > a) {
        total += integrate(pieces.get(i).value(), a, b);
      }
    }
    return total;
  }

  private static double integrate(Curve c, long a, long b) {
    double seconds = (b - a) / 1000.0;
    if (c.constant()) {
      return c.at(a) * seconds;
    }
    int n = (int) Math.max(2, Math.ceil(seconds / STEP_SECONDS));
    n += n % 2;
    double h = (double) (b - a) / n;
    double sum = c.at(a) + c.at(b);
    for (int k = 1; k < n; k++) {
      sum += (k % 2 == 1 ? 4 : 2) * c.at(a + Math.round(k * h));
    }
    return sum * (h / 1000.0) / 3;
  }
}
