package dev.keelson.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP server: what it sends, how it reads answers and failures. */
class PrometheusClientTest {

  private record Answer(int status, String body) {
  }

  private record Received(String method, String path, String contentType, String authorization, String body) {
  }

  private HttpServer server;
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (received) {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"), URLDecoder.decode(body, StandardCharsets.UTF_8)));
      }
      Answer a;
      synchronized (answers) {
        a = answers.isEmpty() ? new Answer(500, "no answer scripted") : answers.poll();
      }
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prom/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(int status, String body) {
    answers.add(new Answer(status, body));
  }

  @Test
  void anInstantQueryIsAFormPostWithTheTimeInUnixSecondsAndTheBearerToken() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"__name__\":\"up\","
        + "\"job\":\"api\"},\"value\":[1767225600.781,\"1\"]},{\"metric\":{\"job\":\"db\"},\"value\":[1767225600.781,"
        + "\"NaN\"]}]}}");
    PrometheusClient client = PrometheusClient.builder(base).bearerToken("s3cret").build();

    QueryResult.Vector v = client.query("up{job=~\"api|db\"}", Instant.parse("2026-01-01T00:00:00.781Z")).asVector();

    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/prom/api/v1/query");
      assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(r.authorization()).isEqualTo("Bearer s3cret");
      assertThat(r.body()).startsWith("query=up{job=~\"api|db\"}&").contains("time=1767225600.781");
    });
    assertThat(v.samples()).hasSize(2);
    assertThat(v.samples().get(0).labels()).isEqualTo(Map.of("__name__", "up", "job", "api"));
    assertThat(v.samples().get(0).time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.781Z"));
    assertThat(v.samples().get(1).value()).isNaN();
    assertThatThrownBy(v::singleValue).isInstanceOf(MetricsException.class).hasMessageContaining("at most one");
  }

  @Test
  void rangeQueriesScalarsAndStringsAreTyped() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"pod\":\"a\"},"
        + "\"values\":[[1767225600,\"0.5\"],[1767225660,\"+Inf\"]]}]}}");
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1767225600,\"-Inf\"]}}");
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1767225600,\"hi\"]}}");
    PrometheusClient client = PrometheusClient.of(base);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");

    Series s = client.queryRange("x", t, t.plusSeconds(60), Duration.ofSeconds(60)).asMatrix().series().get(0);
    assertThat(s.label("pod")).isEqualTo("a");
    assertThat(s.points()).containsExactly(new Point(t, 0.5), new Point(t.plusSeconds(60),
        Double.POSITIVE_INFINITY));
    assertThat(received.get(0).path()).isEqualTo("/prom/api/v1/query_range");
    assertThat(received.get(0).body()).contains("start=1767225600&end=1767225660&step=60&");
    assertThat(client.query("-Inf", t).asScalar().value()).isEqualTo(Double.NEGATIVE_INFINITY);
    QueryResult text = client.query("\"hi\"", t);
    assertThat(text).isEqualTo(new QueryResult.Text(t, "hi"));
    assertThatThrownBy(text::asVector).hasMessage("expected a vector result, got string");
  }

  @Test
  void prometheusErrorsCarryTheirTypeAndMessage() {
    answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": "
        + "1:6: parse error: unexpected end of input\"}");

    assertThatThrownBy(() -> PrometheusClient.of(base).query("rate(", Instant.EPOCH))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).startsWith("invalid parameter \"query\": 1:6: parse error: unexpected end of "
              + "input (query \"rate(\" at 1970-01-01T00:00:00Z on http://127.0.0.1:");
        });
  }

  @Test
  void anUnavailableServerIsTriedOnceMoreThenTheFailureSurfaces() {
    answer(503, "overloaded");
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]}}");
    assertThat(PrometheusClient.of(base).query("1", Instant.EPOCH).asScalar().value()).isEqualTo(1);
    assertThat(received).hasSize(2);

    answer(503, "overloaded");
    answer(503, "still overloaded");
    assertThatThrownBy(() -> PrometheusClient.of(base).query("1", Instant.EPOCH))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo(MetricsException.HTTP);
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.getMessage()).contains("answered HTTP 503: still overloaded");
        });
    assertThat(received).hasSize(4);
  }

  @Test
  void aWrongPathAndAnUnreachableServerAreNamedAsSuch() {
    answer(404, "404 page not found\n");
    assertThatThrownBy(() -> PrometheusClient.of(base).query("up", Instant.EPOCH))
        .hasMessageContaining("answered HTTP 404: 404 page not found");
    assertThat(received).hasSize(1);

    server.stop(0);
    assertThatThrownBy(() -> PrometheusClient.builder(base).timeout(Duration.ofSeconds(2)).build()
        .query("up", Instant.EPOCH))
        .isInstanceOfSatisfying(MetricsException.class, e -> assertThat(e.errorType())
            .isEqualTo(MetricsException.CONNECTION));
  }

  @Test
  void credentialsNeverShowInToStringAndNeverInTheUri() {
    PrometheusClient client = PrometheusClient.builder(base).bearerToken("s3cret").header("X-Scope-OrgID", "tenant-7")
        .build();

    assertThat(client.toString()).doesNotContain("s3cret").doesNotContain("tenant-7").contains("authorization=****")
        .contains("X-Scope-OrgID");
    assertThatThrownBy(() -> PrometheusClient.of(URI.create("http://user:pw@prometheus:9090")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
    assertThatThrownBy(() -> PrometheusClient.builder(base).header("Host", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrometheusClient.builder(base).timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
