package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.core.metrics.MetricsException;
import dev.keelson.core.metrics.Point;
import dev.keelson.core.metrics.PrometheusClient;
import dev.keelson.core.metrics.QueryResult;
import dev.keelson.core.metrics.Sample;
import dev.keelson.core.metrics.Series;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated Prometheus serves the series a test scripts for a workload's live pods, and a real Prometheus
 * client reads back what was scripted through PromQL as release analysis and rightsizing write it.
 */
@SimulatedClusterTest
class PrometheusEndpointTest {

  private static final String ERROR_RATIO = "sum(rate(http_requests_total{namespace=\"shop\",code=~\"5..\"}[1m]))"
      + " / sum(rate(http_requests_total{namespace=\"shop\"}[1m]))";

  private KubernetesClient client;
  private SimulatedCluster cluster;
  private PrometheusClient prometheus;

  @BeforeEach
  void shop(KubernetesClient client, SimulatedCluster cluster) {
    this.client = client;
    this.cluster = cluster;
    this.prometheus = PrometheusClient.of(URI.create(cluster.prometheusUrl()));
    client.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
  }

  static Deployment deployment(String name, int replicas, String track) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").addToMatchLabels("track", track).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").addToLabels("track", track).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/shop/web:1")
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
        .addToLimits("memory", new Quantity("256Mi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  private List<String> podNames(String track) {
    return client.pods().inNamespace("shop").withLabel("track", track).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).map(p -> p.getMetadata().getName()).sorted()
        .toList();
  }

  private double single(String promql) {
    return prometheus.query(promql, cluster.clock().instant()).asVector().singleValue().orElseThrow();
  }

  private Map<String, Double> byPod(String promql) {
    return prometheus.query(promql, cluster.clock().instant()).asVector().samples().stream()
        .collect(Collectors.toMap(s -> s.label("pod"), Sample::value));
  }

  @Test
  void theErrorRatioAndP99OfAWorkloadAreWhatTheTestScripted() {
    client.resource(deployment("web", 4, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 25).errorRate("shop", "web", 0.02)
        .latency("shop", "web", q -> 0.05 + 0.45 * q);
    cluster.advance(Duration.ofMinutes(10));

    assertThat(single(ERROR_RATIO)).isCloseTo(0.02, within(1e-9));
    assertThat(single("sum(rate(http_requests_total{namespace=\"shop\"}[1m]))")).as("4 pods × 25 req/s")
        .isCloseTo(100, within(1e-9));
    // Durations spread evenly over [50 ms, 500 ms]: p99 = 495.5 ms lies in the (0.25, 0.5] bucket, where
    // Prometheus' linear interpolation is exact for an even spread.
    assertThat(single("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"))
        .isCloseTo(0.4955, within(1e-6));
    assertThat(single("sum(rate(http_request_duration_seconds_sum[5m])) / sum(rate(http_request_duration_seconds_count"
        + "[5m]))")).as("mean duration").isCloseTo(0.275, within(1e-6));
  }

  @Test
  void aSkewedLatencyIsFoundUpToTheInterpolationInsideItsBucketAsInPrometheus() {
    client.resource(deployment("web", 2, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 10).latency("shop", "web", q -> 0.01 * Math.exp(6 * q));
    cluster.advance(Duration.ofMinutes(6));
    String p99 = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";
    double scripted = 0.01 * Math.exp(6 * 0.99);   // 3.80 s

    // The default buckets put it in (2.5, 5]: Prometheus interpolates linearly there and lands at 4.69 s.
    assertThat(scripted).isBetween(2.5, 5.0);
    assertThat(single(p99)).isBetween(2.5, 5.0).isNotCloseTo(scripted, within(0.5));

    cluster.metrics().latencyBuckets(0.5, 1, 2, 3, 3.5, 4, 4.5, 5);
    assertThat(single(p99)).as("finer buckets, finer estimate").isCloseTo(scripted, within(0.1));
  }

  @Test
  void cpuRateIsPerPodAndComparesWithRequestsForRightsizing() {
    client.resource(deployment("web", 3, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().cpuUsage("shop", "web", 0.25).memoryUsage("shop", "web", 200e6);
    cluster.advance(Duration.ofMinutes(10));

    Map<String, Double> cpu = byPod("rate(container_cpu_usage_seconds_total{namespace=\"shop\",container=\"app\"}"
        + "[5m])");
    assertThat(cpu.keySet()).containsExactlyInAnyOrderElementsOf(podNames("stable"));
    assertThat(cpu.values()).allSatisfy(v -> assertThat(v).isCloseTo(0.25, within(1e-9)));
    assertThat(single("sum(rate(container_cpu_usage_seconds_total{namespace=\"shop\"}[5m])) / "
        + "sum(kube_pod_container_resource_requests{namespace=\"shop\",resource=\"cpu\"})"))
        .as("usage is 2.5 × the 100m request").isCloseTo(2.5, within(1e-9));
    assertThat(single("max(container_memory_working_set_bytes{namespace=\"shop\"}) / "
        + "max(kube_pod_container_resource_limits{namespace=\"shop\",resource=\"memory\",unit=\"byte\"})"))
        .isCloseTo(200e6 / (256 * 1024 * 1024), within(1e-12));
  }

  @Test
  void utilisationIsScriptedAsAShareOfEachContainersRequest() {
    client.resource(deployment("web", 2, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().forWorkload("shop", "web").cpuUtilization(150).memoryUtilization(50);
    cluster.advance(Duration.ofMinutes(10));

    assertThat(single("sum(rate(container_cpu_usage_seconds_total{namespace=\"shop\"}[5m])) / "
        + "sum(kube_pod_container_resource_requests{namespace=\"shop\",resource=\"cpu\"})"))
        .isCloseTo(1.5, within(1e-9));
    assertThat(byPod("container_memory_working_set_bytes{namespace=\"shop\"}").values())
        .as("half of 128Mi").containsOnly(64.0 * 1024 * 1024);
  }

  @Test
  void canaryPodsScriptedBySelectorDifferFromStablePods() {
    client.resource(deployment("web", 3, "stable")).create();
    client.resource(deployment("web-canary", 1, "canary")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 30).errorRate("shop", "web", 0.01)
        .requestRate("shop", "web-canary", 30).errorRate("shop", "web-canary", 0.01);
    cluster.metrics().forPods("shop", "track=canary").errorRate(0.1);
    cluster.advance(Duration.ofMinutes(5));

    Map<String, Double> ratio = byPod("sum by (pod) (rate(http_requests_total{namespace=\"shop\",code=\"500\"}[1m]))"
        + " / sum by (pod) (rate(http_requests_total{namespace=\"shop\"}[1m]))");
    String canary = podNames("canary").get(0);
    assertThat(ratio).hasSize(4);
    assertThat(ratio.get(canary)).isCloseTo(0.1, within(1e-9));
    podNames("stable").forEach(pod -> assertThat(ratio.get(pod)).isCloseTo(0.01, within(1e-9)));
    assertThat(single("sum(rate(http_requests_total{code=\"500\",pod=~\"web-canary-.*\"}[1m])) / "
        + "sum(rate(http_requests_total{pod=~\"web-canary-.*\"}[1m]))")).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void aRangeQueryFollowsAStepChangeOfTheScriptedRate() {
    client.resource(deployment("web", 2, "stable")).create();
    cluster.awaitIdle();
    Instant start = cluster.clock().instant();
    cluster.metrics().requestRate("shop", "web", 10);
    cluster.advance(Duration.ofMinutes(5));
    cluster.metrics().requestRate("shop", "web", 30);
    cluster.advance(Duration.ofMinutes(5));

    QueryResult r = prometheus.queryRange("sum(rate(http_requests_total{namespace=\"shop\"}[1m]))",
        start.plus(Duration.ofMinutes(2)), start.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1));

    Series total = r.asMatrix().series().get(0);
    assertThat(total.points()).extracting(Point::time).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(2, 10).mapToObj(m -> start.plus(Duration.ofMinutes(m))).toList());
    assertThat(total.points()).extracting(Point::value).satisfiesExactly(
        v -> assertThat(v).isCloseTo(20, within(1e-9)),
        v -> assertThat(v).isCloseTo(20, within(1e-9)),
        v -> assertThat(v).isCloseTo(20, within(1e-9)),
        v -> assertThat(v).isCloseTo(20, within(1e-9)),
        v -> assertThat(v).as("the window [5m, 6m] holds the new rate only").isCloseTo(60, within(1e-9)),
        v -> assertThat(v).isCloseTo(60, within(1e-9)),
        v -> assertThat(v).isCloseTo(60, within(1e-9)),
        v -> assertThat(v).isCloseTo(60, within(1e-9)),
        v -> assertThat(v).isCloseTo(60, within(1e-9)));
  }

  @Test
  void deletedPodsGoStaleAndNewPodsAppear() {
    client.resource(deployment("web", 4, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 5);
    cluster.advance(Duration.ofMinutes(2));
    assertThat(single("count(http_requests_total{namespace=\"shop\",code=\"200\"})")).isEqualTo(4);

    client.apps().deployments().inNamespace("shop").withName("web")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(2).endSpec().build());
    cluster.advance(Duration.ofMinutes(1));

    assertThat(byPod("http_requests_total{namespace=\"shop\",code=\"200\"}").keySet())
        .containsExactlyInAnyOrderElementsOf(podNames("stable")).hasSize(2);
    assertThat(single("sum(rate(http_requests_total{namespace=\"shop\"}[30s]))")).isCloseTo(10, within(1e-9));
  }

  @Test
  void theSeriesAndLabelEndpointsListWhatExistedInTheWindowAsked() throws Exception {
    client.resource(deployment("web", 3, "stable")).create();
    cluster.awaitIdle();
    cluster.metrics().requestRate("shop", "web", 5).errorRate("shop", "web", 0.01);
    cluster.advance(Duration.ofMinutes(2));
    List<String> all = podNames("stable");
    client.apps().deployments().inNamespace("shop").withName("web")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(1).endSpec().build());
    cluster.advance(Duration.ofMinutes(5));
    String lastMinute = "&start=" + cluster.clock().instant().minus(Duration.ofMinutes(1)).getEpochSecond();

    JsonNode errors = get("/api/v1/series?match[]=" + encode("http_requests_total{code=\"500\"}"));
    assertThat(errors.path("status").asString()).isEqualTo("success");
    assertThat(errors.path("data").valueStream().map(s -> s.path("pod").asString()).toList())
        .as("deleted pods keep their history").containsExactlyElementsOf(all);
    assertThat(errors.path("data").get(0).propertyNames()).containsExactly("__name__", "code", "namespace", "pod");
    assertThat(get("/api/v1/series?match[]=" + encode("http_requests_total{code=\"500\"}") + lastMinute)
        .path("data").valueStream().map(s -> s.path("pod").asString()).toList())
        .containsExactlyElementsOf(podNames("stable")).hasSize(1);
    assertThat(strings(get("/api/v1/label/pod/values?match[]=kube_pod_container_resource_requests" + lastMinute)))
        .containsExactlyElementsOf(podNames("stable"));
    assertThat(strings(get("/api/v1/labels?match[]=container_cpu_usage_seconds_total"))).isEmpty();
    assertThat(strings(get("/api/v1/label/__name__/values"))).as("no latency or usage was scripted")
        .containsExactly("http_requests_total", "kube_pod_container_resource_limits",
            "kube_pod_container_resource_requests");
  }

  private JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        cluster.prometheusUrl() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(r.body());
  }

  private static List<String> strings(JsonNode answer) {
    return answer.path("data").valueStream().map(JsonNode::asString).toList();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void seriesOfNoPodFollowFunctionsOfVirtualTime() {
    cluster.metrics().series("queue_depth", Map.of("queue", "orders")).value(t -> 100 + t);
    cluster.metrics().series("lb_requests_total", Map.of("lb", "edge")).rate(t -> t < 120 ? 5 : 15);
    cluster.advance(Duration.ofMinutes(4));

    assertThat(single("queue_depth{queue=\"orders\"}")).isEqualTo(340);
    assertThat(single("max_over_time(queue_depth[1m])")).isEqualTo(340);
    assertThat(single("increase(lb_requests_total[2m])")).isCloseTo(15 * 120, within(1e-6));
    assertThat(prometheus.query("time()", cluster.clock().instant()).asScalar().value())
        .isEqualTo(cluster.clock().instant().getEpochSecond());
  }

  @Test
  void badPromQlIsRefusedWithPrometheusErrorTypeAndMessage() {
    assertThatThrownBy(() -> prometheus.query("rate(http_requests_total)", cluster.clock().instant()))
        .isInstanceOfSatisfying(MetricsException.class, e -> {
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).startsWith("invalid parameter \"query\": 1:6: parse error: expected type range "
              + "vector in call to function \"rate\", got instant vector");
        });
    assertThatThrownBy(() -> prometheus.query("topk(3, up)", cluster.clock().instant()))
        .hasMessageContaining("the aggregation \"topk\" is not supported by the simulated Prometheus");
  }

  @Test
  void scriptingValidatesWhatItIsGiven() {
    Metrics metrics = cluster.metrics();
    assertThatThrownBy(() -> metrics.errorRate("shop", "web", 1.5)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> metrics.latency("shop", "web", q -> 1 - q)).hasMessageContaining("must not decrease");
    assertThatThrownBy(() -> metrics.series("bad-name", Map.of())).hasMessageContaining("not a valid metric name");
    assertThatThrownBy(() -> metrics.forWorkload("shop", "web").series("x", Map.of("pod", "p")))
        .hasMessageContaining("set by the simulated cluster");
    metrics.series("jobs", Map.of()).value(1);
    assertThatThrownBy(() -> metrics.series("jobs", Map.of()).rate(1)).hasMessageContaining("gauge");
    assertThatThrownBy(() -> metrics.forPods("shop", "a in (")).isInstanceOf(IllegalArgumentException.class);
  }

}
