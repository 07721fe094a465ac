package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.ClusterOutcome;
import dev.keelson.core.cluster.FleetResult;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plan and apply fanned out over a fleet: one outcome per selected cluster, an unreachable one reported. */
class FleetApplyTest {
  private final ThreeClusters clusters = new ThreeClusters();

  @AfterEach
  void close() {
    clusters.close();
  }

  static Function<Cluster, ApplyResult> converge(List<HasMetadata> objects) {
    return cluster -> Applier.on(cluster.client()).actor("fleet-rollout").build()
        .apply(Planner.on(cluster.client()).applySet(ApplySet.of("shop", "shop")).build().plan(objects));
  }

  @Test
  void theAppIsAppliedToTheProdClustersOnly() {
    List<HasMetadata> objects = ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2"));

    FleetResult<ApplyResult> result = clusters.fleet.withConcurrency(2).run("env=prod", converge(objects));

    assertThat(result.allSucceeded()).as("%s", result).isTrue();
    assertThat(result.values()).containsOnlyKeys("prod-eu", "prod-us")
        .allSatisfy((name, applied) -> assertThat(applied.written()).hasSize(objects.size()));
    assertThat(clusters.get("staging-eu").requests().writes()).isEmpty();

    FleetResult<ApplyResult> again = clusters.fleet.run("env=prod", converge(objects));
    assertThat(again.values().values()).allSatisfy(applied -> assertThat(applied.written()).isEmpty());
  }

  @Test
  void anUnreachableClusterFailsItsOutcomeWithoutFailingTheOthers() {
    clusters.get("prod-us").close();

    FleetResult<ApplyResult> result = clusters.fleet.run("env=prod", converge(ShopApp.objects(
        ShopApp.withIngress("registry.example.com/shop/web:1.4.2"))));

    assertThat(result.successes()).extracting(o -> o.cluster()).containsExactly("prod-eu");
    assertThat(result.failures()).singleElement().satisfies(o -> {
      assertThat(o.cluster()).isEqualTo("prod-us");
      assertThat(o.status()).isEqualTo(ClusterOutcome.Status.UNREACHABLE);
    });
  }
}
