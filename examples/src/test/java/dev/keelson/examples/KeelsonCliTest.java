package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.render.Manifests;
import dev.keelson.examples.cli.KeelsonCli;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeelsonCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final KeelsonCli cli = new KeelsonCli(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void renderPrintsTheSampleAppAsYaml() {
    assertThat(cli.run("render")).isZero();
    assertThat(Manifests.fromYaml(out.toString(StandardCharsets.UTF_8))).extracting(HasMetadata::getKind)
        .containsExactly("ServiceAccount", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "NetworkPolicy");
  }

  @Test
  void renderWithAnEnvironmentUsesItsNamespace() {
    assertThat(cli.run("render", "--env=staging")).isZero();
    assertThat(Manifests.fromYaml(out.toString(StandardCharsets.UTF_8)))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("shop-staging"));
  }

  @Test
  void renderAsJson() {
    assertThat(cli.run("render", "--json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[").contains("\"kind\":\"Deployment\"");
  }

  @Test
  void badUsageExitsWithTwoAndSaysWhy() {
    assertThat(cli.run("render", "--env=moon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown environment \"moon\"")
        .contains("staging", "prod");
    assertThat(cli.run("deploy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command \"deploy\"");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
