package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Value.Point;
import java.util.List;
import java.util.function.Predicate;

/** Where the evaluator reads series from: the simulated cluster's scripted series, or fixed ones in tests. */
public interface SeriesSource {

  /**
   * The series whose labels satisfy {@code matches}.
   *
   * @param metricName the metric name when the selector fixes it with {@code =}, else null: a hint that lets the
   *     source skip building series of other metrics
   */
  List<StoredSeries> select(String metricName, Predicate<Labels> matches);

  /** One stored series: its labels and its samples over time. */
  interface StoredSeries {

    Labels labels();

    /** Samples with timestamps in {@code [from, to]} (Unix milliseconds, both ends included), oldest first. */
    List<Point> samples(long from, long to);

    /**
     * Whether the series was marked stale by {@code t} (its target went away), so that instant selectors stop
     * returning it before the 5 m lookback runs out, as Prometheus' staleness markers make them.
     */
    default boolean staleAt(long t) {
      return false;
    }

    /**
     * Whether the series' samples reach into {@code [from, to]}: one lies in it, or some lie on each side of it (a
     * TSDB chunk spans the window), which is how Prometheus' series and label endpoints pick series by time.
     */
    default boolean overlaps(long from, long to) {
      List<Point> all = samples(Long.MIN_VALUE, Long.MAX_VALUE);
      return !all.isEmpty() && all.get(0).t() <= to && all.get(all.size() - 1).t() >= from;
    }
  }
}
