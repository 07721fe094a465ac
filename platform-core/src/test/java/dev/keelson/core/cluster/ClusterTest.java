package dev.keelson.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTest {

  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.s3cr3t-t0ken";
  private static final String PASSWORD = "hunter2-pa55word";

  @TempDir
  Path dir;

  private final List<Cluster> opened = new ArrayList<>();

  @AfterEach
  void closeClients() {
    opened.forEach(Cluster::close);
  }

  private Cluster open(Cluster cluster) {
    opened.add(cluster);
    return cluster;
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        current-context: prod-eu
        clusters:
        - name: eu
          cluster:
            server: https://api.prod-eu.example.com:6443
        - name: us
          cluster:
            server: https://admin:%s@api.prod-us.example.com:6443/?token=%s
        users:
        - name: robot
          user:
            token: %s
        - name: admin
          user:
            username: admin
            password: %s
        contexts:
        - name: prod-eu
          context: {cluster: eu, user: robot}
        - name: prod-us
          context: {cluster: us, user: admin}
        """.formatted(PASSWORD, TOKEN, TOKEN, PASSWORD));
  }

  @Test
  void aKubeconfigContextBecomesAClusterNamedAfterIt() throws IOException {
    Cluster cluster = open(Cluster.fromKubeconfig(kubeconfig(), "prod-eu"));

    assertThat(cluster.name()).isEqualTo("prod-eu");
    assertThat(cluster.server()).isEqualTo("https://api.prod-eu.example.com:6443/");
    assertThat(cluster.client().getConfiguration().getCurrentContext().getContext().getUser()).isEqualTo("robot");
  }

  @Test
  void everyContextOfAKubeconfigBecomesACluster() throws IOException {
    List<Cluster> clusters = Clusters.fromKubeconfig(kubeconfig());
    opened.addAll(clusters);

    assertThat(clusters).extracting(Cluster::name).containsExactly("prod-eu", "prod-us");
  }

  @Test
  void anUnknownContextIsNamedWithTheOnesThatExist() throws IOException {
    Path kubeconfig = kubeconfig();

    assertThatThrownBy(() -> Cluster.fromKubeconfig(kubeconfig, "prod-ap"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubeconfig " + kubeconfig + " has no context \"prod-ap\"; its contexts are [prod-eu, prod-us]");
  }

  @Test
  void toStringShowsNameServerAndLabelsButNoCredentials() throws IOException {
    for (Cluster cluster : Clusters.fromKubeconfig(kubeconfig())) {
      opened.add(cluster);
      String text = cluster.withLabels(Map.of("env", "prod")).toString();

      assertThat(text).contains(cluster.name(), "api.prod-", "env=prod")
          .doesNotContain(TOKEN, "s3cr3t", PASSWORD, "hunter2");
    }
  }

  @Test
  void toStringOfASuppliedClientHidesItsCredentialsToo() {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("https://api.example.com").withOauthToken(TOKEN).withPassword(PASSWORD)
        .withClientKeyData("LS0tLS1CRUdJTi1rZXktZGF0YQ==").withClientKeyPassphrase(PASSWORD).build()).build();
    Cluster cluster = open(Cluster.builder("prod-eu", client).environment("prod").region("eu").build());

    assertThat(cluster).hasToString("Cluster[prod-eu at https://api.example.com/, labels={env=prod, region=eu}]");
  }

  @Test
  void environmentAndRegionAreLabelsSoSelectorsSeeThem() {
    Cluster cluster = open(Cluster.builder("prod-eu", client()).environment("prod").region("eu")
        .label("tier", "gold").build());

    assertThat(cluster.environment()).contains("prod");
    assertThat(cluster.region()).contains("eu");
    assertThat(cluster.labels()).containsExactly(Map.entry("env", "prod"), Map.entry("region", "eu"),
        Map.entry("tier", "gold"));
    assertThat(cluster.matches(LabelSelector.parse("env=prod,region in (eu,us),tier"))).isTrue();
  }

  @Test
  void labelsMustBeLabelSyntaxAndEveryProblemIsListed() {
    assertThatThrownBy(() -> Cluster.builder("prod-eu", client()).label("-tier", "gold").region("eu west").build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::rule)
            .containsExactly(tuple("labels[-tier]", "label-key"),
                tuple("labels[region]", "label-value")))
        .hasMessageStartingWith("cluster \"prod-eu\" is invalid (2 violations)");
  }

  @Test
  void aFleetNeedsUniqueNamesAndSensibleSettings() {
    Cluster a = open(Cluster.of("prod-eu", client()));
    Cluster b = open(Cluster.of("prod-eu", client()));

    assertThatThrownBy(() -> Fleet.of(a, b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fleet has two clusters named \"prod-eu\"; names must be unique");
    assertThatThrownBy(() -> Fleet.of(a).withConcurrency(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be at least 1, got 0");
    assertThatThrownBy(() -> Fleet.of(a).withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, got PT0S");
  }

  private static KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://api.example.com")
        .build()).build();
  }
}
