package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.SimulatedCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The series, label and build-information endpoints of the simulated Prometheus against a real Prometheus 2.42: both
 * hold the same series (the simulation scripts the exporter's, with the {@code job} and {@code instance} labels the
 * real one adds), and must answer the same requests with the same status, content type and bytes.
 */
class RealPrometheusMetadataTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static RealPrometheus prometheus;
  private static SimulatedCluster cluster;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    prometheus = RealPrometheus.scraping(seconds -> String.join("\n",
        "# TYPE keelson_test_temperature gauge",
        "keelson_test_temperature{room=\"a\"} 21.5",
        "keelson_test_temperature{room=\"b\"} 19",
        "# TYPE keelson_test_requests_total counter",
        "keelson_test_requests_total{code=\"200\"} " + 10 * seconds,
        "keelson_test_requests_total{code=\"500\"} " + seconds,
        ""));
    cluster = SimulatedCluster.start();
    Map<String, String> target = Map.of("job", RealPrometheus.JOB, "instance", prometheus.instance());
    cluster.metrics().series("keelson_test_temperature", with(target, "room", "a")).value(21.5);
    cluster.metrics().series("keelson_test_temperature", with(target, "room", "b")).value(19);
    cluster.metrics().series("keelson_test_requests_total", with(target, "code", "200")).rate(10);
    cluster.metrics().series("keelson_test_requests_total", with(target, "code", "500")).rate(1);
    cluster.advance(Duration.ofMinutes(1));
    prometheus.await("count(keelson_test_temperature) + count(keelson_test_requests_total)", v -> v == 4);
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> out = new java.util.HashMap<>(labels);
    out.put(name, value);
    return out;
  }

  @AfterAll
  static void stop() throws InterruptedException, IOException {
    if (cluster != null) {
      cluster.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** Status, content type and body, as compared. */
  private static String answer(String method, String base, String pathAndQuery) throws IOException,
      InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + "\n" + r.body();
  }

  private static void assertSameAnswer(String method, String pathAndQuery) throws IOException,
      InterruptedException {
    String real = answer(method, prometheus.uri().toString(), pathAndQuery);
    String sim = answer(method, cluster.prometheusUrl(), pathAndQuery);
    assertThat(sim).as("%s %s", method, pathAndQuery).isEqualTo(real);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/series?match[]=keelson_test_temperature",
      "/api/v1/series?match[]=keelson_test_requests_total%7Bcode%3D%22500%22%7D&match[]=%7Broom%3D%22b%22%7D",
      "/api/v1/series?match[]=%7B__name__%3D~%22keelson_test_.*%22%2Ccode!%3D%22200%22%7D",
      "/api/v1/series?match[]=nosuch",
      "/api/v1/series?match[]=keelson_test_temperature&end=1000",
      "/api/v1/labels?match[]=keelson_test_temperature",
      "/api/v1/labels?match[]=keelson_test_temperature&match[]=keelson_test_requests_total",
      "/api/v1/label/room/values?match[]=keelson_test_temperature",
      "/api/v1/label/code/values?match[]=%7B__name__%3D~%22keelson_test_.*%22%7D",
      "/api/v1/label/nosuch/values",
      "/api/v1/label/__name__/values?match[]=%7Bjob%3D%22exporter%22%2C__name__%3D~%22keelson.*%22%7D"})
  void theSameSeriesAndLabelsAreAnsweredInTheSameBytes(String pathAndQuery) throws Exception {
    assertSameAnswer("GET", pathAndQuery);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/series",
      "/api/v1/series?match[]=",
      "/api/v1/series?match[]=%7B%7D",
      "/api/v1/series?match[]=rate(x%5B5m%5D)",
      "/api/v1/series?match[]=sum(x)",
      "/api/v1/series?match[]=x%7Ba%3Db%7D",
      "/api/v1/series?match[]=x%7Ba%3D%22b%22%7D%20y",
      "/api/v1/series?match[]=1",
      "/api/v1/series?match[]=up&start=abc",
      "/api/v1/labels?match[]=x%7B",
      "/api/v1/labels?end=yesterday",
      "/api/v1/label/bad-name/values",
      "/api/v1/label/room/values?match[]=%7Broom%3D~%22.*%22%7D",
      "/api/v1/query?query=up&time=abc",
      "/api/v1/query_range?query=up&start=abc&end=1&step=1",
      "/api/v1/nosuch",
      "/-/ready"})
  void badRequestsAreRefusedWordForWord(String pathAndQuery) throws Exception {
    assertSameAnswer("GET", pathAndQuery);
  }

  @Test
  void methodsAreRoutedAsByTheRealOne() throws Exception {
    assertSameAnswer("POST", "/api/v1/label/room/values");
    assertSameAnswer("DELETE", "/api/v1/series?match[]=up");
    assertSameAnswer("PUT", "/api/v1/series?match[]=up");
    assertSameAnswer("POST", "/api/v1/series?match[]=keelson_test_temperature");
  }

  @Test
  void buildInformationHasTheRealShape() throws Exception {
    String real = answer("GET", prometheus.uri().toString(), "/api/v1/status/buildinfo");
    String sim = answer("GET", cluster.prometheusUrl(), "/api/v1/status/buildinfo");
    assertThat(sim.replaceAll(":\"[^\"]*\"", ":\"\"")).isEqualTo(real.replaceAll(":\"[^\"]*\"", ":\"\""));
    assertThat(sim).contains("\"version\":\"2.42.0\"");
  }
}
