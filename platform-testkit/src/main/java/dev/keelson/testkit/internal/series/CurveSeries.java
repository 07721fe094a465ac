package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.prom.Labels;
import dev.keelson.testkit.internal.prom.SeriesSource.StoredSeries;
import dev.keelson.testkit.internal.prom.Value.Point;
import dev.keelson.testkit.internal.series.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A series as Prometheus would have scraped it: one sample every scrape interval (on multiples of it) from the first
 * scrape after {@code start} to the last before {@code end}, never beyond the clock's now. A gauge's sample is the
 * curve's value; a counter's is the curve integrated from {@code start}, so {@code rate()} gives the curve back.
 */
final class CurveSeries implements StoredSeries {

  /** The scrape settings and state every series of one simulated Prometheus shares. */
  interface Scrapes {
    long intervalMillis();

    long nowMillis();

    /** Counter values already computed, by series identity and scrape time: the past does not change. */
    NavigableMap<Long, Double> counterCache(String identity);
  }

  private final String identity;
  private final Labels labels;
  private final List<Segment<Curve>> curve;
  private final boolean counter;
  private final long start;
  private final long end;
  private final Scrapes scrapes;

  /**
   * @param identity distinguishes this series from every other, for the counter cache
   * @param end when the series' target went away, or {@link Long#MAX_VALUE}
   */
  CurveSeries(String identity, Labels labels, List<Segment<Curve>> curve, boolean counter, long start, long end,
      Scrapes scrapes) {
    this.identity = identity;
    this.labels = labels;
    this.curve = curve;
    this.counter = counter;
    this.start = Math.max(start, curve.get(0).from());
    this.end = end;
    this.scrapes = scrapes;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public List<Point> samples(long from, long to) {
    long interval = scrapes.intervalMillis();
    long last = Math.min(to, Math.min(end - 1, scrapes.nowMillis()));
    List<Point> out = new ArrayList<>();
    for (long t = firstScrapeAtOrAfter(Math.max(from, start), interval); t <= last; t += interval) {
      out.add(new Point(t, counter ? counterAt(t, interval) : Timeline.at(curve, t).value().at(t)));
    }
    return out;
  }

  @Override
  public boolean staleAt(long t) {
    return end != Long.MAX_VALUE && t >= firstScrapeAtOrAfter(end, scrapes.intervalMillis());
  }

  @Override
  public boolean overlaps(long from, long to) {
    long interval = scrapes.intervalMillis();
    long now = scrapes.nowMillis();
    long first = firstScrapeAtOrAfter(start, interval);
    long lastScrape = Math.floorDiv(Math.min(end - 1, now), interval) * interval;
    if (first > lastScrape) {
      return false;
    }
    // The staleness marker written when the target went away is a sample too.
    long last = staleAt(now) ? firstScrapeAtOrAfter(end, interval) : lastScrape;
    return first <= to && last >= from;
  }

  private static long firstScrapeAtOrAfter(long t, long interval) {
    return Math.floorDiv(t + interval - 1, interval) * interval;
  }

  /** The integral from {@code start} to the scrape at {@code t}, built on the latest cached scrape before it. */
  private double counterAt(long t, long interval) {
    NavigableMap<Long, Double> cache = scrapes.counterCache(identity);
    synchronized (cache) {
      Double known = cache.get(t);
      if (known != null) {
        return known;
      }
      Map.Entry<Long, Double> floor = cache.floorEntry(t);
      long at = floor == null ? start : floor.getKey();
      double value = floor == null ? 0 : floor.getValue();
      for (long next = firstScrapeAtOrAfter(at + (floor == null ? 0 : 1), interval); next <= t; next += interval) {
        value += Pieces.integrate(curve, at, next);
        cache.put(next, value);
        at = next;
      }
      return value;
    }
  }
}
