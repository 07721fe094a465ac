package dev.keelson.testkit.internal.prom;

import static dev.keelson.testkit.internal.prom.FixedSeries.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.testkit.internal.prom.Value.Matrix;
import dev.keelson.testkit.internal.prom.Value.Point;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Scalar;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PromQL subset: parsing, type checks, selectors, functions, aggregations and operators. */
class PromQlTest {

  private final FixedSeries series = new FixedSeries();

  private Value eval(String query, long seconds) {
    return new Evaluator(series).instant(Parser.parse(query), seconds * 1000);
  }

  private Map<String, Double> vector(String query, long seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sample s : ((Vector) eval(query, seconds)).samples()) {
      out.put(s.labels().toString(), s.value());
    }
    return out;
  }

  private double scalar(String query) {
    return ((Scalar) eval(query, 0)).value();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1 + 2 * 3 | 7",
      "(1 + 2) * 3 | 9",
      "2 ^ 3 ^ 2 | 512",
      "10 - 4 - 3 | 3",
      "7 % 4 | 3",
      "-2 * 3 | -6",
      "1 < bool 2 | 1",
      "1 + 1 == bool 2 | 1",
      "0x10 | 16",
      "1.5e3 | 1500"})
  void scalarArithmeticFollowsPrometheusPrecedence(String query, double expected) {
    assertThat(scalar(query)).isEqualTo(expected);
  }

  @Test
  void labelMatchersSelectAndAbsentLabelsMatchTheEmptyString() {
    series.add(metric("http_requests_total", "code", "200", "pod", "web-1"), 15, 1)
        .add(metric("http_requests_total", "code", "503", "pod", "web-1"), 15, 2)
        .add(metric("http_requests_total", "code", "404"), 15, 3)
        .add(metric("other", "code", "500"), 15, 4);

    assertThat(vector("http_requests_total{code=~\"5..\"}", 0)).containsOnlyKeys(
        "{__name__=\"http_requests_total\", code=\"503\", pod=\"web-1\"}");
    assertThat(vector("http_requests_total{code!~\"5..\", pod!=\"web-1\"}", 0)).containsValues(3.0).hasSize(1);
    assertThat(vector("http_requests_total{pod=\"\"}", 0)).containsValues(3.0).hasSize(1);
    assertThat(vector("{code=\"500\"}", 0)).containsValues(4.0).hasSize(1);
    assertThat(vector("{__name__=~\"http_.*\", code!=\"404\"}", 0)).hasSize(2);
  }

  @Test
  void anInstantSelectorLooksBackFiveMinutesForTheLatestSample() {
    series.add(metric("queue_depth"), List.of(new Point(0, 7), new Point(60_000, 9)));

    assertThat(vector("queue_depth", 60)).containsValues(9.0);
    assertThat(vector("queue_depth", 30)).as("latest sample at or before t").containsValues(7.0);
    assertThat(vector("queue_depth", 360)).as("t - 5m < 60s: still within the lookback").containsValues(9.0);
    assertThat(vector("queue_depth", 361)).as("beyond the lookback").isEmpty();
  }

  @Test
  void rateOfASteadyCounterIsItsSlopeWhereverTheWindowFallsAndIncreaseIsRateTimesRange() {
    double[] values = new double[41];
    for (int i = 0; i < values.length; i++) {
      values[i] = 2.5 * 15 * i;   // 2.5 per second, scraped every 15 s
    }
    series.add(metric("c_total", "pod", "a"), 15, values);

    assertThat(vector("rate(c_total[1m])", 300)).containsExactly(Map.entry("{pod=\"a\"}", 2.5));
    assertThat(vector("rate(c_total[1m])", 307)).values().first().asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.DOUBLE).isCloseTo(2.5, within(1e-9));
    assertThat(vector("increase(c_total[5m])", 600)).containsExactly(Map.entry("{pod=\"a\"}", 750.0));
    assertThat(vector("irate(c_total[1m])", 600)).containsExactly(Map.entry("{pod=\"a\"}", 2.5));
    assertThat(vector("rate(c_total[1m])", 10)).as("one sample is not enough").isEmpty();
  }

  @Test
  void aCounterResetIsAddedBackAndAFreshSeriesIsNotExtrapolatedPastItsStart() {
    series.add(metric("resets_total"), 15, 0, 10, 20, 5, 15);
    series.add(metric("fresh_total"), List.of(new Point(30_000, 30), new Point(45_000, 45), new Point(60_000, 60)));

    // 15 - 0 + 20 (the value before the reset), over a window whose edges hold samples: no extrapolation.
    assertThat(vector("increase(resets_total[1m])", 60)).containsExactly(Map.entry("{}", 35.0));
    // 30 over the 30 s sampled, extrapolated by half an interval (7.5 s) at the start because the first sample lies
    // 30 s (> 1.1 intervals) after the window's start, and not at all at the end: 30 × 37.5 / 30.
    assertThat(vector("increase(fresh_total[1m])", 60)).containsExactly(Map.entry("{}", 37.5));
    // From 10 at 15 s and 20 at 30 s the counter's zero lies at 0 s, the window's start, 15 s (< 1.1 intervals)
    // before the first sample: extrapolated to both edges, 10 × 30 / 15.
    series.add(metric("zero_total"), List.of(new Point(15_000, 10), new Point(30_000, 20)));
    assertThat(vector("increase(zero_total[30s])", 30)).containsExactly(Map.entry("{}", 20.0));
  }

  @Test
  void overTimeFunctionsSummariseTheWindow() {
    series.add(metric("mem", "pod", "a"), 15, 4, 8, 6, 2, 10);

    assertThat(vector("avg_over_time(mem[1m])", 60)).containsExactly(Map.entry("{pod=\"a\"}", 6.0));
    assertThat(vector("max_over_time(mem[1m])", 60)).containsExactly(Map.entry("{pod=\"a\"}", 10.0));
    assertThat(vector("min_over_time(mem[30s])", 60)).containsExactly(Map.entry("{pod=\"a\"}", 2.0));
    // sorted 2 4 6 8 10: rank 0.9 × 4 = 3.6 → 8 + 0.6 × (10 - 8)
    assertThat(vector("quantile_over_time(0.9, mem[1m])", 60)).containsExactly(Map.entry("{pod=\"a\"}", 9.2));
    assertThat(vector("count_over_time(mem[1m])", 60)).containsExactly(Map.entry("{pod=\"a\"}", 5.0));
  }

  @Test
  void histogramQuantileInterpolatesInsideTheBucketTheRankFallsIn() {
    String[] bounds = {"0.1", "0.5", "1", "+Inf"};
    double[] counts = {50, 90, 100, 100};
    for (int i = 0; i < bounds.length; i++) {
      series.add(metric("d_bucket", "le", bounds[i], "pod", "a"), 15, counts[i]);
    }

    assertThat(vector("histogram_quantile(0.5, d_bucket)", 0)).containsExactly(Map.entry("{pod=\"a\"}", 0.1));
    assertThat(vector("histogram_quantile(0.9, d_bucket)", 0)).containsExactly(Map.entry("{pod=\"a\"}", 0.5));
    assertThat(vector("histogram_quantile(0.95, d_bucket)", 0)).containsExactly(Map.entry("{pod=\"a\"}", 0.75));
    assertThat(vector("histogram_quantile(0.25, sum by (le) (d_bucket))", 0))
        .containsExactly(Map.entry("{}", 0.05));
    assertThat(vector("histogram_quantile(1.5, d_bucket)", 0)).containsValues(Double.POSITIVE_INFINITY);
  }

  @Test
  void aggregationsGroupByOrWithoutLabels() {
    series.add(metric("cpu", "ns", "shop", "pod", "a"), 15, 1)
        .add(metric("cpu", "ns", "shop", "pod", "b"), 15, 3)
        .add(metric("cpu", "ns", "ops", "pod", "c"), 15, 10);

    assertThat(vector("sum(cpu)", 0)).containsExactly(Map.entry("{}", 14.0));
    assertThat(vector("sum by (ns) (cpu)", 0)).containsExactly(Map.entry("{ns=\"ops\"}", 10.0),
        Map.entry("{ns=\"shop\"}", 4.0));
    assertThat(vector("avg(cpu) by (ns)", 0)).containsEntry("{ns=\"shop\"}", 2.0);
    assertThat(vector("max without (pod) (cpu)", 0)).containsEntry("{ns=\"shop\"}", 3.0);
    assertThat(vector("min(cpu)", 0)).containsEntry("{}", 1.0);
    assertThat(vector("count by (ns) (cpu)", 0)).containsEntry("{ns=\"shop\"}", 2.0);
  }

  @Test
  void vectorsMatchOneToOneOnAllLabelsButTheNameOrOnTheOnesNamed() {
    series.add(metric("errors", "pod", "a", "code", "500"), 15, 2)
        .add(metric("errors", "pod", "b", "code", "500"), 15, 1)
        .add(metric("requests", "pod", "a"), 15, 100)
        .add(metric("requests", "pod", "b"), 15, 50)
        .add(metric("requests", "pod", "c"), 15, 10);

    assertThat(vector("errors / ignoring(code) requests", 0)).containsExactly(Map.entry("{pod=\"a\"}", 0.02),
        Map.entry("{pod=\"b\"}", 0.02));
    assertThat(vector("errors / on(pod) requests", 0)).containsOnlyKeys("{pod=\"a\"}", "{pod=\"b\"}");
    assertThat(vector("errors / requests", 0)).as("code differs: nothing matches").isEmpty();
    assertThat(vector("sum(errors) / sum(requests)", 0)).containsExactly(Map.entry("{}", 3.0 / 160));
    assertThat(vector("requests * 2 + 1", 0)).containsEntry("{pod=\"c\"}", 21.0);
    assertThat(vector("requests > 20", 0)).as("a comparison filters and keeps the name")
        .containsOnlyKeys("{__name__=\"requests\", pod=\"a\"}", "{__name__=\"requests\", pod=\"b\"}");
    assertThat(vector("requests > bool 20", 0)).containsEntry("{pod=\"c\"}", 0.0);
    assertThat(vector("requests unless on(pod) errors", 0)).containsOnlyKeys("{__name__=\"requests\", pod=\"c\"}");
    assertThat(vector("requests and on(pod) errors", 0)).hasSize(2);
    assertThat(vector("sum(nothing) or vector(0)", 0)).containsExactly(Map.entry("{}", 0.0));
    assertThatThrownBy(() -> eval("requests / on() errors", 0)).isInstanceOf(PromQlException.class)
        .hasMessageContaining("many-to-many matching not allowed")
        .extracting(e -> ((PromQlException) e).errorType()).isEqualTo("execution");
  }

  @Test
  void aRangeQueryEvaluatesAtEveryStep() {
    series.add(metric("g", "pod", "a"), 60, 1, 2, 3, 4);

    Matrix m = new Evaluator(series).range(Parser.parse("g * 10"), 0, 180_000, 60_000);

    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).points()).containsExactly(new Point(0, 10), new Point(60_000, 20),
        new Point(120_000, 30), new Point(180_000, 40));
    assertThatThrownBy(() -> new Evaluator(series).range(Parser.parse("g"), 0, 20_000_000, 1_000))
        .hasMessageContaining("exceeded maximum resolution of 11,000 points");
    assertThatThrownBy(() -> new Evaluator(series).range(Parser.parse("g[1m]"), 0, 60_000, 1_000))
        .hasMessage("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "rate(http_requests_total) | 1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
      "sum(rate(x[5m]) | 1:16: parse error: unclosed left parenthesis",
      "{} | 1:1: parse error: vector selector must contain at least one non-empty matcher",
      "{code=~\".*\"} | 1:1: parse error: vector selector must contain at least one non-empty matcher",
      "x offset 5m | 1:3: parse error: the offset modifier is not supported by the simulated Prometheus",
      "x @ 100 | 1:3: parse error: the @ modifier is not supported by the simulated Prometheus",
      "rate(x[5m:1m]) | 1:10: parse error: subqueries ([range:resolution]) is not supported by the simulated Prometheus",
      "topk(3, x) | 1:1: parse error: the aggregation \"topk\" is not supported by the simulated Prometheus",
      "a / on(pod) group_left b | 1:13: parse error: many-to-one matching (group_left) is not supported by the simulated Prometheus",
      "nosuch(x) | 1:1: parse error: unknown function with name \"nosuch\"",
      "1 > 2 | 1:3: parse error: comparisons between scalars must use BOOL modifier",
      "x[5x] | 1:3: parse error: not a valid duration string: \"5x\"",
      "x{a=b} | 1:5: parse error: unexpected identifier \"b\" in label matching, expected string",
      "(x)[5m] | 1:4: parse error: ranges only allowed for vector selectors",
      "x{a=~\"(\"} | 1:6: parse error: invalid regular expression \"(\": Unclosed group",
      "'' | 1:1: parse error: no expression found in input",
      "x y | 1:3: parse error: unexpected identifier \"y\"",
      "x[5m] + 1 | 1:1: parse error: binary expression must contain only scalar and instant vector types"})
  void badQueriesAreRefusedNamingWhatIsWrong(String query, String message) {
    assertThatThrownBy(() -> Parser.parse(query)).isInstanceOf(PromQlException.class).hasMessage(message)
        .extracting(e -> ((PromQlException) e).errorType()).isEqualTo("bad_data");
  }

  @Test
  void unsupportedPrometheusFunctionsAreNamedAsSuchWithTheSupportedList() {
    assertThatThrownBy(() -> Parser.parse("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")"))
        .hasMessageStartingWith("1:1: parse error: the function \"label_replace\" (supported: rate, irate,")
        .hasMessageEndingWith("is not supported by the simulated Prometheus");
  }
}
