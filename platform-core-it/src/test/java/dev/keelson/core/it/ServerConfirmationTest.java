package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.apply.Applier;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates found locally are confirmed with a server-side dry run, which sees what a local comparison cannot. */
@SimulatedClusterTest
class ServerConfirmationTest {

  @Test
  void aRealChangeIsConfirmedAndWrittenOnce(KubernetesClient client, SimulatedCluster cluster) {
    var v1 = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("default").endMetadata()
        .addToData("level", "info").build();
    Applier.on(client).build().apply(Planner.on(client).build().plan(List.of(v1)));
    cluster.requests().clear();

    var v2 = new ConfigMapBuilder(v1).withData(java.util.Map.of("level", "debug")).build();
    Plan plan = Planner.on(client).build().plan(List.of(v2));
    Applier.on(client).build().apply(plan);
    Plan again = Planner.on(client).build().plan(List.of(v2));

    assertThat(again.hasChanges()).isFalse();
    assertThat(plan.updates()).hasSize(1);
    assertThat(cluster.requests().matching(ApiCall::isDryRun)).as("one dry run confirmed the update").hasSize(1);
    assertThat(cluster.requests().writes()).hasSize(1);
    assertThat(client.configMaps().inNamespace("default").withName("cfg").get().getData())
        .containsEntry("level", "debug");
  }
}
