package dev.keelson.governance.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.plan.Plan;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Onboarding and offboarding tenants on the simulated cluster, through plan and apply. */
@SimulatedClusterTest
class TenantsOnClusterTest {

  @Test
  void onboardingCreatesTheNamespacesAndAgainWritesNothing(KubernetesClient client, SimulatedCluster cluster) {
    Tenants tenants = Tenants.on(client).actor("platform-bot").build();

    ApplyResult first = tenants.onboard(TenantSpecTest.shop().build());

    assertThat(first.written()).hasSize(22);
    assertThat(client.namespaces().withName("shop-prod").get().getMetadata().getLabels())
        .containsEntry("keelson.dev/tenant", "shop");
    assertThat(client.resourceQuotas().inNamespace("shop-prod").withName("tenant-quota").get().getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("4"));
    assertThat(client.rbac().roleBindings().inNamespace("shop-dev").withName("tenant-developer").get()
        .getRoleRef().getName()).isEqualTo("edit");

    cluster.requests().clear();
    Plan again = tenants.planOnboarding(TenantSpecTest.shop().build());
    assertThat(again.hasChanges()).as(again.toDiff()).isFalse();
    assertThat(cluster.requests().writes()).isEmpty();
  }

  @Test
  void aChangedSpecUpdatesAndPrunes(KubernetesClient client) {
    Tenants tenants = Tenants.on(client).build();
    tenants.onboard(TenantSpecTest.shop().build());

    Plan plan = tenants.planOnboarding(TenantSpecTest.shop().viewers(java.util.List.of())
        .putNamespaceQuota("pods", "50").build());

    assertThat(plan.updates()).extracting(c -> c.ref().toString())
        .containsExactlyInAnyOrder("ResourceQuota shop-dev/tenant-quota", "ResourceQuota shop-prod/tenant-quota");
    assertThat(plan.deletes()).extracting(c -> c.ref().toString())
        .containsExactlyInAnyOrder("RoleBinding shop-dev/tenant-viewer", "RoleBinding shop-prod/tenant-viewer");
  }

  @Test
  void offboardingRefusesWhileWorkloadsRunAndDeletesWhenTold(KubernetesClient client, SimulatedCluster cluster) {
    Tenants tenants = Tenants.on(client).build();
    tenants.onboard(TenantSpecTest.shop().build());
    client.resource(new PodBuilder().withNewMetadata().withName("worker").withNamespace("shop-prod").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/shop/worker:1")
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
        .endResources().endContainer().endSpec().build()).create();
    cluster.advance(Duration.ofSeconds(30));
    cluster.requests().clear();

    assertThatThrownBy(() -> tenants.offboard("shop", Tenants.Offboarding.REFUSE_IF_RUNNING))
        .isInstanceOfSatisfying(TenantInUseException.class, e -> assertThat(e.runningPods())
            .containsExactly(java.util.Map.entry("shop-prod", java.util.List.of("worker"))));
    assertThat(cluster.requests().writes()).isEmpty();

    ApplyResult gone = tenants.offboard("shop", Tenants.Offboarding.DELETE_RUNNING_WORKLOADS);
    assertThat(gone.with(dev.keelson.core.apply.ObjectOutcome.Status.DELETED)).hasSize(22);
    cluster.awaitIdle();
    assertThat(client.namespaces().withName("shop-prod").get()).isNull();
    assertThat(client.namespaces().withName("shop-dev").get()).isNull();
  }
}
