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
  void theTourTakesTheSampleAppThroughPlanApplyReleaseAndPrune() {
    assertThat(cli.run("tour")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String tour = out.toString(StandardCharsets.UTF_8);
    assertThat(tour)
        .contains("8 to create, 0 to update, 0 to delete, 0 unchanged")
        .contains("0 to create, 0 to update, 0 to delete, 8 unchanged; 0 writes")
        .contains("-   spec.template.spec.containers[name=app].image: \"registry.example.com/shop/web:1.4.2\"")
        .contains("+   spec.template.spec.containers[name=app].image: \"registry.example.com/shop/web:1.4.3\"")
        .contains("Deployment shop/web: 3 of 3 replicas available, image registry.example.com/shop/web:1.4.3")
        .contains("- PodDisruptionBudget shop/web (delete: pruned: left the spec of ApplySet shop/shop)")
        .contains("0 created, 0 updated, 1 deleted")
        .endsWith("Tour complete.\n");
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
