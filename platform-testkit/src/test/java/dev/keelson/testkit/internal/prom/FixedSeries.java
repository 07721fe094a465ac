package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Value.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Series with samples written out by the test, as Prometheus' own test files load them. */
final class FixedSeries implements SeriesSource {

  private final List<StoredSeries> series = new ArrayList<>();

  /**
   * Adds a series with samples every {@code intervalSeconds} from 0, e.g. {@code add("x{a=\"b\"}", 15, 0, 30, 60)}.
   *
   * @param labels the metric name and labels as alternating strings, name first
   */
  FixedSeries add(Labels labels, long intervalSeconds, double... values) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new Point(i * intervalSeconds * 1000, values[i]));
    }
    return add(labels, points);
  }

  FixedSeries add(Labels labels, List<Point> points) {
    series.add(new StoredSeries() {
      @Override
      public Labels labels() {
        return labels;
      }

      @Override
      public List<Point> samples(long from, long to) {
        return points.stream().filter(p -> p.t() >= from && p.t() <= to).toList();
      }
    });
    return this;
  }

  static Labels metric(String name, String... labels) {
    return Labels.of(labels).with(Labels.NAME, name);
  }

  @Override
  public List<StoredSeries> select(String metricName, Predicate<Labels> matches) {
    return series.stream().filter(s -> matches.test(s.labels())).toList();
  }
}
