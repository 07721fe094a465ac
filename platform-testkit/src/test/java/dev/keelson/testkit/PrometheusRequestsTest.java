package dev.keelson.testkit;

import static dev.keelson.testkit.PrometheusEndpointTest.deployment;
import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.core.metrics.MetricsException;
import dev.keelson.core.metrics.PrometheusClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests to the simulated Prometheus are in the request log with the PromQL and times they asked, and the API
 * faults reach them as Prometheus, or a proxy in front of it, would fail: what release analysis and rightsizing tests
 * need to prove "these queries were asked" and "Prometheus is down, slow, or answers 503".
 */
@SimulatedClusterTest
class PrometheusRequestsTest {

  private static final String ERROR_RATIO = "sum(rate(http_requests_total{namespace=\"shop\",code=~\"5..\"}[1m]))"
      + " / sum(rate(http_requests_total{namespace=\"shop\"}[1m]))";
  private static final String REQUEST_RATE = "sum(rate(http_requests_total{namespace=\"shop\"}[1m]))";

  private KubernetesClient client;
  private SimulatedCluster cluster;
  private PrometheusClient prometheus;

  @BeforeEach
  void shopWithTraffic(KubernetesClient client, SimulatedCluster cluster) {
    this.client = client;
    this.cluster = cluster;
    this.prometheus = PrometheusClient.of(URI.create(cluster.prometheusUrl()));
    client.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
    client.resource(deployment("web", 2, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 10).errorRate("shop", "web", 0.05);
    cluster.advance(Duration.ofMinutes(5));
    cluster.requests().clear();
  }

  private Instant now() {
    return cluster.clock().instant();
  }

  private List<Integer> prometheusStatuses() {
    return cluster.requests().matching(ApiCall::isPrometheus).stream().map(ApiCall::status).toList();
  }

  @Test
  void eachQueryIsLoggedWithItsPromQlAndTimesAndIsNoWrite() {
    Instant t = now();
    prometheus.query(ERROR_RATIO, t);
    prometheus.queryRange(REQUEST_RATE, t.minus(Duration.ofMinutes(2)), t, Duration.ofSeconds(30));

    assertThat(cluster.requests()).hasNoWrites().hasPrometheusQueries(ERROR_RATIO, REQUEST_RATE);
    List<ApiCall> asked = cluster.requests().prometheusQueries();
    assertThat(asked).extracting(ApiCall::verb).containsExactly("query", "query_range");
    assertThat(asked).extracting(ApiCall::method).containsOnly("POST");
    assertThat(asked).extracting(ApiCall::status).containsOnly(200);
    assertThat(asked.get(0).instant("time")).hasValue(t);
    assertThat(asked.get(1).instant("start")).hasValue(t.minus(Duration.ofMinutes(2)));
    assertThat(asked.get(1).instant("end")).hasValue(t);
    assertThat(asked.get(1).parameter("step")).hasValue("30");
    assertThat(asked.get(1).toString()).contains("/prometheus/api/v1/query_range", REQUEST_RATE, "-> 200");
  }

  @Test
  void getRequestsAndRepeatedMatchParametersAreLoggedToo() throws Exception {
    String series = get("/api/v1/series?match[]=" + encode("http_requests_total{code=\"500\"}") + "&match[]="
        + encode("up"));

    assertThat(series).startsWith("{\"status\":\"success\"");
    ApiCall call = cluster.requests().matching(ApiCall::isPrometheus).get(0);
    assertThat(call.verb()).isEqualTo("series");
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.parameters("match[]")).containsExactly("http_requests_total{code=\"500\"}", "up");
    assertThat(call.query()).isEmpty();
    assertThat(call.isWrite()).isFalse();
    assertThat(cluster.requests().prometheusQueries()).isEmpty();
  }

  @Test
  void aStartingPrometheusAnswers503AndTheClientTriesOnceMore() {
    cluster.faults().failNext(1, 503, ApiCall::isPrometheus);

    assertThat(prometheus.query(ERROR_RATIO, now()).asVector().singleValue().orElseThrow())
        .isCloseTo(0.05, within(1e-9));
    assertThat(prometheusStatuses()).containsExactly(503, 200);
  }

  @Test
  void aPrometheusThatStaysDownFailsTheQueryWithItsPlainTextAnswer() {
    cluster.faults().failAll(503, ApiCall::isPrometheus);

    assertThatThrownBy(() -> prometheus.query(ERROR_RATIO, now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo(MetricsException.HTTP);
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.getMessage()).contains(ERROR_RATIO, cluster.prometheusUrl(),
              "answered HTTP 503: Service Unavailable");
        });
    assertThat(prometheusStatuses()).as("tried twice").containsExactly(503, 503);
    assertThat(client.namespaces().withName("shop").get()).as("the Kubernetes API is up").isNotNull();

    cluster.faults().clear();
    assertThat(prometheus.query("vector(1)", now()).asVector().singleValue()).hasValue(1);
  }

  @Test
  void aQueryThatTimesOutInPrometheusCarriesItsErrorJsonAndIsNotAskedAgain() {
    cluster.faults().failNext(2, Fault.prometheusTimeout(), ApiCall::isPrometheus);

    assertThatThrownBy(() -> prometheus.query(ERROR_RATIO, now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo("timeout");
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.getMessage()).startsWith("query timed out in expression evaluation (query \"" + ERROR_RATIO);
        });
    assertThat(prometheusStatuses()).as("the same query would time out again").containsExactly(503);
    assertThat(cluster.requests()).hasNoWrites().hasPrometheusQueries(ERROR_RATIO);
  }

  @Test
  void aPrometheusThatNeverAnswersRunsIntoTheClientTimeoutWhichIsNotRetried() {
    PrometheusClient impatient = PrometheusClient.builder(URI.create(cluster.prometheusUrl()))
        .timeout(Duration.ofMillis(300)).build();
    cluster.faults().failNext(1, Fault.noAnswer(), ApiCall::isPrometheus);

    assertThatThrownBy(() -> impatient.query(ERROR_RATIO, now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo(MetricsException.CONNECTION);
          assertThat(e.httpStatus()).isZero();
          assertThat(e.getMessage()).contains(ERROR_RATIO, "timed out after PT0.3S");
        });
    assertThat(prometheusStatuses()).as("no answer is logged as status 0").containsExactly(0);
    assertThat(impatient.query(ERROR_RATIO, now()).asVector().singleValue()).isPresent();
  }

  @Test
  void otherErrorsAreNotRetried() {
    cluster.faults().failNext(1, Fault.prometheusError(422, "execution", "expanding series: too many chunks"),
        ApiCall::isPrometheus);
    cluster.faults().failNext(1, Fault.answer(200, "text/html", "<html><body>Sign in</body></html>"),
        ApiCall::isPrometheus);

    assertThatThrownBy(() -> prometheus.query(ERROR_RATIO, now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo("execution");
          assertThat(e.httpStatus()).isEqualTo(422);
          assertThat(e.getMessage()).startsWith("expanding series: too many chunks (query \"");
        });
    assertThatThrownBy(() -> prometheus.query(ERROR_RATIO, now()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo(MetricsException.INVALID_RESPONSE);
          assertThat(e.getMessage()).contains("<html><body>Sign in</body></html>");
        });
    assertThat(prometheusStatuses()).containsExactly(422, 200);
  }

  @Test
  void faultsOnKubernetesVerbsLeavePrometheusAlone() {
    cluster.faults().failNext(1, 500, call -> call.verb().equals("get"));

    assertThat(prometheus.query(ERROR_RATIO, now()).asVector().singleValue()).isPresent();
    assertThatThrownBy(() -> client.namespaces().withName("shop").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
  }

  @Test
  void aFaultStatusIsAnHttpErrorStatus() {
    assertThatThrownBy(() -> cluster.faults().failNext(1, 200, ApiCall::isPrometheus))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(400 to 599), got 200");
  }

  private String get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        cluster.prometheusUrl() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
