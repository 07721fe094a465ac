package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.prom.Labels;
import dev.keelson.testkit.internal.prom.SeriesSource;
import dev.keelson.testkit.internal.series.Timeline.Segment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Everything a test scripted for the simulated Prometheus, and the series it makes of it: per-pod properties by
 * scope ({@link PodScope}), each with its history on the virtual clock, resolved for every pod the
 * {@link PodTracker} has seen, plus series not tied to any pod.
 */
public final class ScriptedSeries implements SeriesSource, CurveSeries.Scrapes {

  /** The per-pod properties the HTTP and cAdvisor series derive from. */
  public enum Property { REQUEST_RATE, ERROR_RATIO, LATENCY, CPU_CORES, MEMORY_BYTES }

  /** client_golang's {@code DefBuckets}. */
  static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);

  /** One scripted property (or custom series) of one scope; {@code order} breaks ties between equal scopes. */
  record Rule(PodScope scope, String property, Timeline<Object> timeline, long order, CustomSeries custom) {
  }

  /** A series a test scripted by name and labels, for pods or for no pod at all. */
  record CustomSeries(String metric, Labels labels, boolean counter) {
    String key() {
      return (counter ? "counter " : "gauge ") + labels.with(Labels.NAME, metric);
    }
  }

  private final Clock clock;
  private final PodTracker pods;
  private final PodSeriesFactory factory = new PodSeriesFactory(this);
  private final Map<String, Rule> rules = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<Long, Double>> counters = new ConcurrentHashMap<>();
  private final AtomicLong order = new AtomicLong();
  private volatile long intervalMillis = DEFAULT_SCRAPE_INTERVAL.toMillis();
  private volatile double[] buckets = DEFAULT_BUCKETS;

  public ScriptedSeries(Clock clock, PodTracker pods) {
    this.clock = clock;
    this.pods = pods;
  }

  // ---- scripting ----

  /** Sets a property of the scope's pods from now on. */
  public void set(PodScope scope, Property property, Signal value) {
    timeline(scope, property.name(), null).set(now(), value.curveFrom(now()));
  }

  /**
   * Sets the CPU or memory use of each container of the scope's pods, from now on, as a share of the container's
   * request of that resource ({@code 1.0} is all of it).
   */
  public void setShareOfRequest(PodScope scope, Property property, Signal share) {
    if (property != Property.CPU_CORES && property != Property.MEMORY_BYTES) {
      throw new IllegalArgumentException("only CPU and memory are requested by containers, not " + property);
    }
    timeline(scope, property.name(), null).set(now(), new RequestShare(share.curveFrom(now())));
  }

  /** Sets the request latency distribution of the scope's pods from now on. */
  public void setLatency(PodScope scope, LatencyDistribution latency) {
    timeline(scope, Property.LATENCY.name(), null).set(now(), latency);
  }

  /** Sets a custom series of each of the scope's pods (labelled namespace and pod), or of no pod (scope null). */
  public void setCustom(PodScope scope, String metric, Labels labels, boolean counter, Signal value) {
    CustomSeries custom = new CustomSeries(metric, labels, counter);
    CustomSeries other = new CustomSeries(metric, labels, !counter);
    if (rules.keySet().stream().anyMatch(k -> k.endsWith(other.key()))) {
      throw new IllegalStateException(metric + labels + " is scripted as a " + (counter ? "gauge" : "counter")
          + " already; a series is either a gauge or a counter");
    }
    timeline(scope, custom.key(), custom).set(now(), value.curveFrom(now()));
  }

  /** How often the simulated Prometheus scrapes; samples fall on multiples of it. */
  public void scrapeInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the scrape interval must be positive, got " + interval);
    }
    intervalMillis = interval.toMillis();
    counters.clear();
  }

  /** The upper bounds of the request-duration histogram's buckets ({@code +Inf} is always added). */
  public void latencyBuckets(double... upperBounds) {
    if (upperBounds.length == 0) {
      throw new IllegalArgumentException("at least one bucket bound is needed");
    }
    double[] sorted = upperBounds.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (!Double.isFinite(sorted[i]) || i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("bucket bounds must be finite and distinct, got "
            + java.util.Arrays.toString(upperBounds));
      }
    }
    buckets = sorted;
    counters.clear();
  }

  @SuppressWarnings("unchecked")
  private <T> Timeline<T> timeline(PodScope scope, String property, CustomSeries custom) {
    String key = (scope == null ? "global" : scope.toString()) + "|" + property;
    Rule rule = rules.computeIfAbsent(key, k -> new Rule(scope, property, new Timeline<>(), order.incrementAndGet(),
        custom));
    return (Timeline<T>) (Timeline<?>) rule.timeline();
  }

  private long now() {
    return clock.millis();
  }

  // ---- resolving ----

  double[] buckets() {
    return buckets;
  }

  /**
   * The history of a property for one pod (and container, or null): at each moment the value of the most specific
   * scope that had scripted it by then; later scripting of an equally specific scope wins.
   */
  @SuppressWarnings("unchecked")
  <T> List<Segment<T>> resolve(TrackedPod pod, String container, String property) {
    List<Rule> candidates = rules.values().stream()
        .filter(r -> r.scope() != null && r.property().equals(property) && r.scope().matches(pod)
            && r.scope().covers(container))
        .sorted(Comparator.comparingInt((Rule r) -> r.scope().specificity()).thenComparingLong(Rule::order)
            .reversed())
        .toList();
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<List<Segment<Object>>> histories = candidates.stream().map(r -> r.timeline().segments()).toList();
    TreeMap<Long, Segment<T>> merged = new TreeMap<>();
    histories.forEach(h -> h.forEach(s -> merged.put(s.from(), null)));
    for (Long cut : List.copyOf(merged.keySet())) {
      for (List<Segment<Object>> h : histories) {
        Segment<Object> s = Timeline.at(h, cut);
        if (s != null) {
          merged.put(cut, new Segment<>(cut, (T) s.value()));
          break;
        }
      }
    }
    return new ArrayList<>(merged.values());
  }

  /**
   * The history of a container's CPU ({@link Property#CPU_CORES}, in cores) or memory ({@link Property#MEMORY_BYTES},
   * in bytes), with shares of its request turned into amounts; empty while nothing is scripted for it.
   */
  List<Segment<Curve>> containerUsage(TrackedPod pod, TrackedPod.Container container, Property property) {
    double request = container.requests().getOrDefault(property == Property.CPU_CORES ? "cpu" : "memory", 0.0);
    List<Segment<Object>> scripted = resolve(pod, container.name(), property.name());
    return scripted.stream().map(s -> new Segment<>(s.from(), s.value() instanceof RequestShare share
        ? share.of(request) : (Curve) s.value())).toList();
  }

  /** The custom per-pod series scripted for scopes matching this pod. */
  List<CustomSeries> customSeriesOf(TrackedPod pod) {
    return rules.values().stream().filter(r -> r.custom() != null && r.scope() != null && r.scope().matches(pod))
        .map(Rule::custom).distinct().toList();
  }

  // ---- SeriesSource ----

  @Override
  public List<StoredSeries> select(String metricName, Predicate<Labels> matches) {
    List<StoredSeries> out = new ArrayList<>();
    for (Rule r : rules.values()) {
      if (r.scope() == null && (metricName == null || metricName.equals(r.custom().metric()))) {
        List<Segment<Curve>> curve = castCurves(r.timeline().segments());
        Labels labels = r.custom().labels().with(Labels.NAME, r.custom().metric());
        if (matches.test(labels)) {
          out.add(new CurveSeries("global|" + r.custom().key(), labels,
              r.custom().counter() ? PodSeriesFactory.nonNegative(curve) : curve, r.custom().counter(),
              curve.get(0).from(), Long.MAX_VALUE, this));
        }
      }
    }
    for (TrackedPod pod : pods.pods()) {
      factory.seriesOf(pod, metricName).stream().filter(s -> matches.test(s.labels())).forEach(out::add);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Segment<Curve>> castCurves(List<Segment<Object>> segments) {
    return (List<Segment<Curve>>) (List<?>) segments;
  }

  @Override
  public long intervalMillis() {
    return intervalMillis;
  }

  @Override
  public long nowMillis() {
    return now();
  }

  @Override
  public NavigableMap<Long, Double> counterCache(String identity) {
    return counters.computeIfAbsent(identity, k -> new TreeMap<>());
  }
}
