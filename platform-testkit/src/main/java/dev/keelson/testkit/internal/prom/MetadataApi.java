package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.VectorSelector;
import dev.keelson.testkit.internal.prom.SeriesSource.StoredSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Prometheus' metadata endpoints over a {@link SeriesSource}: {@code /api/v1/series}, {@code /api/v1/labels} and
 * {@code /api/v1/label/<name>/values}, with their {@code match[]} selectors, {@code start} and {@code end}, and
 * Prometheus 2.42's answers and error wording. A series counts when its samples reach into the time range.
 *
 * <pre>{@code
 * String json = new MetadataApi(source).series(Map.of("match[]", List.of("http_requests_total{code=\"500\"}")));
 * }</pre>
 */
final class MetadataApi {

  /** Prometheus' {@code model.LabelNameRE}. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final String MATCH = "match[]";

  private final SeriesSource source;

  MetadataApi(SeriesSource source) {
    this.source = source;
  }

  /** The labels of every series that a {@code match[]} selector picks, sorted, each once. */
  String series(Map<String, List<String>> params) {
    List<String> match = params.getOrDefault(MATCH, List.of());
    if (match.isEmpty()) {
      throw PromQlException.badData("no match[] parameter provided");
    }
    Window window = Window.of(params);
    List<VectorSelector> selectors;
    try {
      selectors = selectors(match);
    } catch (PromQlException e) {
      throw PromQlException.badData("invalid parameter \"match[]\": " + e.getMessage());
    }
    Set<Labels> found = new TreeSet<>();
    select(selectors, window).forEach(s -> found.add(s.labels()));
    return ResultJson.labelSets(found);
  }

  /** The label names of the series that the {@code match[]} selectors pick (of every series without one), sorted. */
  String labels(Map<String, List<String>> params) {
    Window window = Window.of(params);
    List<VectorSelector> selectors = selectors(params.getOrDefault(MATCH, List.of()));
    Set<String> names = new TreeSet<>();
    select(selectors, window).forEach(s -> names.addAll(s.labels().asMap().keySet()));
    return ResultJson.strings(names);
  }

  /** The values of one label among the series that the {@code match[]} selectors pick (or all), sorted. */
  String labelValues(String name, Map<String, List<String>> params) {
    if (!LABEL_NAME.matcher(name).matches()) {
      throw PromQlException.badData("invalid label name: \"" + name.replace("\\", "\\\\").replace("\"", "\\\"")
          + "\"");
    }
    Window window = Window.of(params);
    List<VectorSelector> selectors = selectors(params.getOrDefault(MATCH, List.of()));
    Set<String> values = new TreeSet<>();
    for (StoredSeries s : select(selectors, window)) {
      String value = s.labels().get(name);
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return ResultJson.strings(values);
  }

  /** The {@code start} and {@code end} parameters, all of time when absent. */
  private record Window(long start, long end) {
    static Window of(Map<String, List<String>> params) {
      return new Window(QueryApi.timeParam(params, "start", Long.MIN_VALUE),
          QueryApi.timeParam(params, "end", Long.MAX_VALUE));
    }
  }

  /** Series any selector picks (every series when there is none) whose samples reach into the window. */
  private List<StoredSeries> select(List<VectorSelector> selectors, Window window) {
    List<StoredSeries> candidates = new ArrayList<>();
    if (selectors.isEmpty()) {
      candidates.addAll(source.select(null, labels -> true));
    }
    for (VectorSelector vs : selectors) {
      candidates.addAll(source.select(vs.metricName(), vs::matches));
    }
    return candidates.stream().filter(s -> s.overlaps(window.start(), window.end())).toList();
  }

  /** Prometheus' {@code parseMatchersParam}: each selector parses, and each has a matcher that needs a value. */
  private static List<VectorSelector> selectors(List<String> match) {
    List<VectorSelector> selectors = new ArrayList<>();
    for (String m : match) {
      selectors.add(Parser.parseSelector(m));
    }
    for (VectorSelector vs : selectors) {
      if (vs.matchers().stream().allMatch(Expr.Matcher::matchesEmpty)) {
        throw PromQlException.badData("match[] must contain at least one non-empty matcher");
      }
    }
    return selectors;
  }
}
