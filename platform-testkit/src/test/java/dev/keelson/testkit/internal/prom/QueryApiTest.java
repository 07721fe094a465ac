package dev.keelson.testkit.internal.prom;

import static dev.keelson.testkit.internal.prom.FixedSeries.metric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.prom.Value.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP API answers in Prometheus' JSON, with its parameters and its errors. */
class QueryApiTest {

  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private final FixedSeries series = new FixedSeries()
      .add(metric("up", "job", "api"), List.of(new Point(T0, 1), new Point(T0 + 60_000, 1)))
      .add(metric("temperature", "room", "a\"b"), List.of(new Point(T0, 21.5), new Point(T0 + 60_000, 0.1)));
  private final QueryApi api = new QueryApi(series, Clock.fixed(Instant.ofEpochMilli(T0 + 60_500),
      ZoneOffset.UTC));

  /** Parameters as alternating names and values; a name may repeat. */
  static Map<String, List<String>> params(String... namesAndValues) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return params;
  }

  private QueryApi.Response get(String path, String... params) {
    return api.handle("GET", path, params(params));
  }

  @Test
  void anInstantQueryAnswersAVectorAtTheClocksNowByDefault() {
    QueryApi.Response r = get("/api/v1/query", "query", "up");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"__name__\":\"up\",\"job\":\"api\"},\"value\":[1767225660.500,\"1\"]}]}}");
  }

  @Test
  void postsAndRfc3339TimesAreAcceptedAndLabelValuesEscaped() {
    QueryApi.Response r = api.handle("POST", "/api/v1/query", params("query", "temperature * 2", "time",
        "2026-01-01T00:00:30Z"));

    assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"room\":\"a\\\"b\"},\"value\":[1767225630,\"43\"]}]}}");
  }

  @Test
  void scalarsAndRangeQueriesHavePrometheusShape() {
    assertThat(get("/api/v1/query", "query", "1/3", "time", "1767225600.25").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":"
            + "[1767225600.250,\"0.3333333333333333\"]}}");
    assertThat(get("/api/v1/query_range", "query", "temperature", "start", "1767225600", "end", "1767225660", "step",
        "30s").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
            + "{\"__name__\":\"temperature\",\"room\":\"a\\\"b\"},\"values\":[[1767225600,\"21.5\"],"
            + "[1767225630,\"21.5\"],[1767225660,\"0.1\"]]}]}}");
  }

  @Test
  void badQueriesAndParametersAnswer400WithBadData() {
    QueryApi.Response r = get("/api/v1/query", "query", "rate(up)");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter "
        + "\\\"query\\\": 1:6: parse error: expected type range vector in call to function \\\"rate\\\", got instant "
        + "vector\"}");

    assertThat(get("/api/v1/query", "query", "up", "time", "yesterday").body())
        .contains("invalid parameter \\\"time\\\": Invalid time value for 'time': cannot parse \\\"yesterday\\\" to a "
            + "valid timestamp");
    assertThat(get("/api/v1/query_range", "query", "up", "start", "yesterday", "end", "5", "step", "1").body())
        .contains("invalid parameter \\\"start\\\": cannot parse \\\"yesterday\\\" to a valid timestamp");
    assertThat(get("/api/v1/query_range", "query", "up", "start", "10", "end", "5", "step", "1").body())
        .contains("end timestamp must not be before start time");
    assertThat(get("/api/v1/query_range", "query", "up", "start", "0", "end", "5", "step", "0").body())
        .contains("zero or negative query resolution step widths are not accepted");
    assertThat(get("/api/v1/query_range", "query", "up", "start", "0", "end", "5").status()).isEqualTo(400);
  }

  @Test
  void evaluationFailuresAnswer422AndUnknownPaths404() {
    series.add(metric("requests_total", "job", "api"), List.of(new Point(T0, 1), new Point(T0 + 60_000, 7)));

    // Both series are {job="api"} once rate() drops their names: Prometheus refuses such a vector.
    QueryApi.Response dup = get("/api/v1/query", "query", "rate({job=\"api\"}[5m])");
    assertThat(dup.status()).isEqualTo(422);
    assertThat(dup.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":"
        + "\"vector cannot contain metrics with the same labelset\"}");
    assertThat(get("/api/v1/query", "query", "rate(requests_total[5m])").status()).isEqualTo(200);
    assertThat(get("/api/v1/metadata").status()).isEqualTo(404);
    assertThat(get("/-/ready").status()).isEqualTo(200);
  }
}
