package dev.keelson.testkit.internal.prom;

import static dev.keelson.testkit.internal.prom.FixedSeries.metric;
import static dev.keelson.testkit.internal.prom.QueryApiTest.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.prom.Value.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The series and label endpoints answer in Prometheus 2.42's JSON and words (checked against the real one in
 * platform-core-it), picking series by {@code match[]} and by whether their samples reach into {@code start..end}.
 */
class MetadataApiTest {

  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final String T0_SECONDS = Long.toString(T0 / 1000);

  private final FixedSeries series = new FixedSeries()
      .add(metric("http_requests_total", "code", "200", "pod", "web-1"), samples(0, 60))
      .add(metric("http_requests_total", "code", "500", "pod", "web-1"), samples(0, 60))
      .add(metric("http_requests_total", "code", "200", "pod", "web-2"), samples(0, 60))
      .add(metric("queue_depth", "queue", "orders"), samples(600, 660));
  private final QueryApi api = new QueryApi(series, Clock.fixed(Instant.ofEpochMilli(T0 + 700_000),
      ZoneOffset.UTC));

  /** Samples at these seconds after T0. */
  private static List<Point> samples(long... seconds) {
    return java.util.Arrays.stream(seconds).mapToObj(s -> new Point(T0 + s * 1000, 1)).toList();
  }

  private String get(String path, String... params) {
    QueryApi.Response r = api.handle("GET", path, params(params));
    return r.status() + " " + r.body();
  }

  @Test
  void seriesAnswersEachMatchingLabelSetOnceSortedAcrossSelectors() {
    assertThat(get("/api/v1/series", "match[]", "http_requests_total{pod=\"web-1\"}", "match[]",
        "{__name__=~\"http_.*\",code=\"500\"}", "match[]", "queue_depth"))
        .isEqualTo("200 {\"status\":\"success\",\"data\":["
            + "{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"pod\":\"web-1\"},"
            + "{\"__name__\":\"http_requests_total\",\"code\":\"500\",\"pod\":\"web-1\"},"
            + "{\"__name__\":\"queue_depth\",\"queue\":\"orders\"}]}");
    assertThat(get("/api/v1/series", "match[]", "nosuch")).isEqualTo("200 {\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void aSeriesCountsWhenItsSamplesReachIntoTheWindow() {
    String inside = get("/api/v1/series", "match[]", "{pod=\"web-2\"}", "start", T0_SECONDS + ".5", "end",
        Long.toString(T0 / 1000 + 10));
    String before = get("/api/v1/series", "match[]", "{pod=\"web-2\"}", "start", "2026-01-01T00:02:00Z");
    String after = get("/api/v1/series", "match[]", "{pod=\"web-2\"}", "end", Long.toString(T0 / 1000 - 1));

    assertThat(inside).as("between two samples, as a TSDB chunk spans them").contains("web-2");
    assertThat(before).isEqualTo("200 {\"status\":\"success\",\"data\":[]}");
    assertThat(after).isEqualTo("200 {\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void labelNamesAndValuesAreSortedAndNarrowedByMatchAndTime() {
    assertThat(get("/api/v1/labels")).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"pod\",\"queue\"]}");
    assertThat(get("/api/v1/labels", "match[]", "queue_depth")).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"__name__\",\"queue\"]}");
    assertThat(get("/api/v1/labels", "start", Long.toString(T0 / 1000 + 300))).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"__name__\",\"queue\"]}");

    assertThat(get("/api/v1/label/pod/values")).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"web-1\",\"web-2\"]}");
    assertThat(get("/api/v1/label/pod/values", "match[]", "http_requests_total{code=\"500\"}")).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"web-1\"]}");
    assertThat(get("/api/v1/label/__name__/values")).isEqualTo(
        "200 {\"status\":\"success\",\"data\":[\"http_requests_total\",\"queue_depth\"]}");
    assertThat(get("/api/v1/label/nosuch/values")).isEqualTo("200 {\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void refusalsAreWordedAsPrometheus242WordsThem() {
    assertThat(get("/api/v1/series")).isEqualTo(
        "400 {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no match[] parameter provided\"}");
    assertThat(get("/api/v1/series", "match[]", "{}")).isEqualTo("400 {\"status\":\"error\",\"errorType\":"
        + "\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": match[] must contain at least one non-empty "
        + "matcher\"}");
    assertThat(get("/api/v1/label/pod/values", "match[]", "{code=~\".*\"}")).isEqualTo("400 {\"status\":\"error\","
        + "\"errorType\":\"bad_data\",\"error\":\"match[] must contain at least one non-empty matcher\"}");
    assertThat(get("/api/v1/series", "match[]", "rate(x[5m])")).isEqualTo("400 {\"status\":\"error\",\"errorType\":"
        + "\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:5: parse error: unexpected \\\"(\\\"\"}");
    assertThat(get("/api/v1/labels", "match[]", "x{")).isEqualTo("400 {\"status\":\"error\",\"errorType\":"
        + "\"bad_data\",\"error\":\"1:3: parse error: unexpected end of input inside braces\"}");
    assertThat(get("/api/v1/label/bad-name/values")).isEqualTo("400 {\"status\":\"error\",\"errorType\":"
        + "\"bad_data\",\"error\":\"invalid label name: \\\"bad-name\\\"\"}");
    assertThat(get("/api/v1/series", "match[]", "up", "start", "abc")).isEqualTo("400 {\"status\":\"error\","
        + "\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"start\\\": Invalid time value for 'start': "
        + "cannot parse \\\"abc\\\" to a valid timestamp\"}");
  }

  @Test
  void methodsAreRoutedAsInPrometheusAndBuildInfoHasItsShape() {
    assertThat(api.handle("POST", "/api/v1/series", params("match[]", "queue_depth")).body()).contains("orders");
    assertThat(api.handle("POST", "/api/v1/label/queue/values", params()).status()).isEqualTo(405);
    assertThat(api.handle("DELETE", "/api/v1/series", params("match[]", "up")).body())
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"not implemented\"}");
    assertThat(get("/api/v1/status/buildinfo")).startsWith("200 {\"status\":\"success\",\"data\":{\"version\":"
        + "\"2.42.0\",\"revision\":").contains("\"branch\":", "\"buildUser\":", "\"buildDate\":", "\"goVersion\":");
  }
}
