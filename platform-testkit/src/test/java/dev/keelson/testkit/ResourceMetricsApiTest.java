package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keelson.core.metrics.PrometheusClient;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource metrics API ({@code metrics.k8s.io/v1beta1}) serves what metrics-server would for the CPU and memory
 * a test scripts, so {@code client.top()} reads the same world the simulated Prometheus and the autoscalers see.
 */
@SimulatedClusterTest
class ResourceMetricsApiTest {

  private static final Duration RESOLUTION = Duration.ofSeconds(15);

  private KubernetesClient client;
  private SimulatedCluster cluster;

  @BeforeEach
  void setUp(KubernetesClient client, SimulatedCluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("app").withImage(name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("64Mi")).endResources().endContainer()
        .addNewContainer().withName("proxy").withImage("proxy:1")
        .withNewResources().addToRequests("cpu", new Quantity("50m"))
        .addToRequests("memory", new Quantity("32Mi")).endResources().endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private List<String> podNames(String app) {
    return client.pods().inNamespace("default").withLabel("app", app).list().getItems().stream()
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private static Map<String, String> usage(ContainerMetrics c) {
    return c.getUsage().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
        .toString()));
  }

  @Test
  void topPodsServesTheScriptedUsagePerContainerOnceMetricsServerScrapedTwice() {
    client.resource(deployment("web", 2)).create();
    cluster.awaitIdle();
    cluster.metrics().forWorkload("default", "web").cpuUsage(0.25).memoryUsage(96 * 1024 * 1024)
        .container("proxy").cpuUsage(0.0434817).memoryUsage(884_736);

    assertThat(client.top().pods().metrics("default").getItems())
        .as("started now: metrics-server has not scraped the pods twice yet").isEmpty();

    cluster.advance(RESOLUTION);
    List<PodMetrics> items = client.top().pods().metrics("default").getItems();
    assertThat(items).extracting(m -> m.getMetadata().getName()).containsExactlyElementsOf(podNames("web"));
    PodMetrics first = items.get(0);
    assertThat(first.getTimestamp()).isEqualTo(cluster.clock().instant().toString());
    assertThat(first.getWindow().getDuration()).isEqualTo(RESOLUTION);
    assertThat(first.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(first.getContainers()).extracting(ContainerMetrics::getName).containsExactly("app", "proxy");
    assertThat(usage(first.getContainers().get(0))).as("as metrics-server writes quantities")
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", "250m", "memory", "96Mi"));
    assertThat(usage(first.getContainers().get(1)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", "43481700n", "memory", "864Ki"));

    PodMetrics one = client.top().pods().metrics("default", podNames("web").get(1));
    assertThat(one.getContainers()).hasSize(2);
  }

  @Test
  void cpuIsTheAverageOverTheWindowEndingAtTheLastScrape() {
    client.resource(deployment("web", 1)).create();
    cluster.awaitIdle();
    cluster.metrics().cpuUsage("default", "web", 0.1);
    cluster.advance(Duration.ofSeconds(20));
    cluster.metrics().cpuUsage("default", "web", 0.4);            // 10 s before the scrape at 30 s
    cluster.advance(Duration.ofSeconds(14));

    PodMetrics m = client.top().pods().metrics("default").getItems().get(0);
    assertThat(m.getTimestamp()).isEqualTo(SimulatedCluster.DEFAULT_START.plusSeconds(30).toString());
    assertThat(usage(m.getContainers().get(0))).as("(5 s × 0.1 + 10 s × 0.4) / 15 s")
        .containsEntry("cpu", "300m");
  }

  @Test
  void aContainerStartedTenSecondsOrMoreBeforeTheFirstScrapeIsMeasuredFromItsStart() {
    cluster.metrics().cpuUsage("default", "web", 0.2).cpuUsage("default", "api", 0.2);
    cluster.advance(Duration.ofSeconds(3));
    client.resource(deployment("web", 1)).create();           // runs from 3 s
    cluster.advance(Duration.ofSeconds(5));
    client.resource(deployment("api", 1)).create();           // runs from 8 s

    cluster.advance(Duration.ofSeconds(7));                   // the scrape at 15 s
    List<PodMetrics> items = client.top().pods().metrics("default").getItems();
    assertThat(items).extracting(m -> m.getMetadata().getLabels().get("app"))
        .as("api ran only 7 s: too short for a first rate").containsExactly("web");
    assertThat(items.get(0).getWindow().getDuration()).isEqualTo(Duration.ofSeconds(12));

    cluster.advance(RESOLUTION);
    assertThat(client.top().pods().metrics("default").getItems()).hasSize(2)
        .allSatisfy(m -> assertThat(m.getWindow().getDuration()).isEqualTo(RESOLUTION));
  }

  @Test
  void podsWithoutScriptedUsageAreNotScrapedAndAnswer404() {
    client.resource(deployment("web", 1)).create();
    client.resource(deployment("api", 1)).create();
    cluster.metrics().memoryUsage("default", "api", 10 * 1024 * 1024);
    cluster.advance(Duration.ofMinutes(1));

    assertThat(client.top().pods().metrics("default").getItems())
        .extracting(m -> m.getMetadata().getLabels().get("app")).containsExactly("api");
    assertThat(client.top().pods().metrics("default").getItems().get(0).getContainers())
        .allSatisfy(c -> assertThat(c.getUsage().get("cpu")).as("CPU not scripted: 0").isEqualTo(new Quantity("0")));
    String web = podNames("web").get(0);
    assertThatThrownBy(() -> client.top().pods().metrics("default", web))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404))
        .hasMessageContaining("pods.metrics.k8s.io \"default/" + web + "\" not found");
  }

  @Test
  void listsFilterByLabelSelectorAndNamespace() {
    client.resource(deployment("web", 2)).create();
    client.resource(deployment("api", 1)).create();
    cluster.metrics().cpuUsage("default", "web", 0.1).cpuUsage("default", "api", 0.1);
    cluster.advance(Duration.ofSeconds(30));
    List<String> web = podNames("web");
    cluster.requests().clear();

    assertThat(client.top().pods().inNamespace("default").withLabels(Map.of("app", "web")).metrics().getItems())
        .extracting(m -> m.getMetadata().getName()).containsExactlyElementsOf(web);
    assertThat(client.top().pods().metrics().getItems()).as("every namespace").hasSize(3);
    assertThat(client.top().pods().metrics("kube-system").getItems()).isEmpty();
    assertThat(cluster.requests().count("list", "pods.metrics.k8s.io")).isEqualTo(3);
    assertThat(cluster.requests().count("list", "pods")).as("not counted as core pods").isZero();
  }

  @Test
  void nodeUsageIsTheSumOfItsPodsUsage() {
    client.resource(deployment("web", 4)).create();
    cluster.awaitIdle();
    cluster.metrics().forWorkload("default", "web").cpuUsage(0.3).memoryUsage(100 * 1024 * 1024)
        .container("proxy").cpuUsage(0.1).memoryUsage(28 * 1024 * 1024);
    cluster.advance(Duration.ofSeconds(30));

    Map<String, Long> podsPerNode = client.pods().inNamespace("default").list().getItems().stream()
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
    List<NodeMetrics> nodes = client.top().nodes().metrics().getItems();
    assertThat(nodes).extracting(n -> n.getMetadata().getName()).containsExactly("node-a", "node-b", "node-c");
    for (NodeMetrics n : nodes) {
      long pods = podsPerNode.getOrDefault(n.getMetadata().getName(), 0L);
      assertThat(Quantity.getAmountInBytes(n.getUsage().get("cpu")).doubleValue()).as(n.getMetadata().getName())
          .isCloseTo(0.4 * pods, within(1e-9));
      assertThat(Quantity.getAmountInBytes(n.getUsage().get("memory")).longValue())
          .isEqualTo(pods * 128 * 1024 * 1024);
      assertThat(n.getWindow().getDuration()).isEqualTo(RESOLUTION);
    }
    assertThat(client.top().nodes().metrics("node-a").getMetadata().getName()).isEqualTo("node-a");
  }

  @Test
  void aNodeThatIsNotReadyCannotBeScrapedNorCanItsPods() {
    client.resource(deployment("web", 3)).create();
    cluster.awaitIdle();
    cluster.metrics().cpuUsage("default", "web", 0.1);
    cluster.advance(Duration.ofSeconds(30));
    Pod onNodeA = client.pods().inNamespace("default").list().getItems().stream()
        .filter(p -> p.getSpec().getNodeName().equals("node-a")).findFirst().orElseThrow();

    cluster.nodes().notReady("node-a");
    cluster.awaitIdle();

    assertThat(client.top().nodes().metrics().getItems()).extracting(n -> n.getMetadata().getName())
        .doesNotContain("node-a");
    assertThat(client.top().pods().metrics("default").getItems()).extracting(m -> m.getMetadata().getName())
        .doesNotContain(onNodeA.getMetadata().getName()).isNotEmpty();
  }

  @Test
  void theMetricsApiIsDiscoverableAndReadOnly() {
    assertThat(client.getApiGroups().getGroups()).anySatisfy(g -> assertThat(g.getName()).isEqualTo("metrics.k8s.io"));
    List<APIResource> resources = client.getApiResources("metrics.k8s.io/v1beta1").getResources();
    assertThat(resources).extracting(APIResource::getName, APIResource::getKind, APIResource::getNamespaced)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nodes", "NodeMetrics", false),
            org.assertj.core.groups.Tuple.tuple("pods", "PodMetrics", true));
    assertThat(resources).allSatisfy(r -> assertThat(r.getVerbs()).containsExactly("get", "list"));
    assertThat(client.supports(PodMetrics.class)).isTrue();

    PodMetrics written = new PodMetrics();
    written.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web").build());
    assertThatThrownBy(() -> client.resource(written).inNamespace("default").create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(405));
  }

  @Test
  void prometheusAndTheMetricsApiReadTheSameScriptedCpu() {
    client.resource(deployment("web", 1)).create();
    cluster.awaitIdle();
    cluster.metrics().forWorkload("default", "web").container("app").cpuUtilization(t -> 100 + t);
    cluster.advance(Duration.ofMinutes(2));

    PodMetrics m = client.top().pods().metrics("default").getItems().get(0);
    double fromApi = Quantity.getAmountInBytes(m.getContainers().get(0).getUsage().get("cpu")).doubleValue();
    double fromPrometheus = PrometheusClient.of(URI.create(cluster.prometheusUrl()))
        .query("rate(container_cpu_usage_seconds_total{container=\"app\"}[15s])", cluster.clock().instant())
        .asVector().singleValue().orElseThrow();
    assertThat(fromApi).as("100% of 100m growing 1 point a second: 0.2125 cores over 105..120 s")
        .isCloseTo(0.2125, within(1e-6));
    assertThat(fromPrometheus).isCloseTo(fromApi, within(1e-3));
  }
}
