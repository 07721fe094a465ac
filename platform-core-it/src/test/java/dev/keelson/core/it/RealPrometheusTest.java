package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.core.metrics.MetricsException;
import dev.keelson.core.metrics.Point;
import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.core.metrics.QueryResult;
import dev.keelson.core.metrics.Sample;
import dev.keelson.core.metrics.Series;
import dev.keelson.testkit.SimulatedCluster;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PrometheusClient} against a real Prometheus scraping a tiny exporter every second: a gauge at 21.5 and a
 * counter growing 10 per second of wall time. The same bad queries are then put to the simulated Prometheus, which
 * must refuse them as the real one does.
 */
class RealPrometheusTest {

  private static final double COUNTER_RATE = 10;

  private static RealPrometheus prometheus;
  private static PrometheusClient client;
  private static SimulatedCluster cluster;
  private static PrometheusClient simulated;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    prometheus = RealPrometheus.scraping(seconds -> String.join("\n",
        "# TYPE keelson_test_temperature gauge",
        "keelson_test_temperature{room=\"a\"} 21.5",
        "# TYPE keelson_test_requests_total counter",
        "keelson_test_requests_total " + COUNTER_RATE * seconds,
        ""));
    client = prometheus.client();
    cluster = SimulatedCluster.start();
    simulated = PrometheusClient.of(URI.create(cluster.prometheusUrl()));
    // The counter has been scraped for more than 5 s: enough for a rate over 5 s.
    prometheus.await("count_over_time(keelson_test_requests_total[10s])", v -> v >= 6);
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

  @Test
  void upGaugeAndCounterRateAreReadBack() {
    Instant now = Instant.now();

    Sample up = client.query("up", now).asVector().samples().get(0);
    assertThat(up.value()).isEqualTo(1);
    assertThat(up.labels()).containsEntry("job", "exporter").containsEntry("__name__", "up").containsKey("instance");
    assertThat(up.time()).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));

    assertThat(client.query("keelson_test_temperature{room=\"a\"}", now).asVector().singleValue())
        .hasValue(21.5);
    // At the latest scrape, over a window the series covers (it is older than 5 s): a lagging scrape on a busy
    // machine, or a window reaching back before the first scrape, would make Prometheus extrapolate less.
    List<Point> raw = client.query("keelson_test_requests_total[10s]", now).asMatrix().series().get(0).points();
    Instant lastScrape = raw.get(raw.size() - 1).time();
    assertThat(client.query("rate(keelson_test_requests_total[5s])", lastScrape).asVector().singleValue()
        .orElseThrow()).as("rate at %s over %s", lastScrape, raw).isCloseTo(COUNTER_RATE, within(2.0));
    assertThat(client.query("time()", now).asScalar().value()).isCloseTo(now.toEpochMilli() / 1000.0,
        within(0.001));
  }

  @Test
  void aRangeQueryGivesOnePointPerStep() {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = end.minusSeconds(3);

    QueryResult r = client.queryRange("keelson_test_temperature", start, end, Duration.ofSeconds(1));

    Series s = r.asMatrix().series().get(0);
    assertThat(s.label("room")).isEqualTo("a");
    assertThat(s.points()).extracting(Point::time).containsExactly(start, start.plusSeconds(1),
        start.plusSeconds(2), end);
    assertThat(s.points()).extracting(Point::value).containsOnly(21.5);
  }

  @Test
  void anInvalidQueryIsRefusedAsBadData() {
    assertThatThrownBy(() -> client.query("rate(keelson_test_temperature)", Instant.now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).contains("expected type range vector in call to function \"rate\", got instant "
              + "vector");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"rate(x)", "sum(rate(x[5m])", "{}", "{code=~\".*\"}", "nosuch(x)", "1 > 2", "x{a=b}",
      "(x)[5m]", "x y", "x[5m] + 1", "sum(x[5m])", "histogram_quantile(0.9, x[5m])", "x{", "sum(x{a=\"b\"",
      "x{a=\"b\","})
  void theSimulatedPrometheusRefusesBadQueriesWordForWordAsTheRealOne(String query) {
    MetricsException real = refusal(() -> client.query(query, Instant.now()));
    MetricsException sim = refusal(() -> simulated.query(query, cluster.clock().instant()));

    assertThat(sim.errorType()).isEqualTo(real.errorType());
    assertThat(sim.httpStatus()).isEqualTo(real.httpStatus());
    assertThat(prometheusMessage(sim)).isEqualTo(prometheusMessage(real));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 / 3", "2 ^ 3 ^ 2", "-1 + 2 * 3 % 4", "1 == bool 1", "time() - time()"})
  void theSimulatedPrometheusComputesScalarsAsTheRealOne(String query) {
    Instant t = cluster.clock().instant();
    assertThat(simulated.query(query, t)).isEqualTo(client.query(query, t));
  }

  private static MetricsException refusal(Runnable query) {
    try {
      query.run();
    } catch (MetricsException e) {
      return e;
    }
    throw new AssertionError("the query was not refused");
  }

  /** Prometheus' own error text, without what the client adds about the request. */
  private static String prometheusMessage(MetricsException e) {
    int request = e.getMessage().lastIndexOf(" (query \"");
    return request < 0 ? e.getMessage() : e.getMessage().substring(0, request);
  }
}
