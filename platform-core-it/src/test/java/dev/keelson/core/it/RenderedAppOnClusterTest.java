package dev.keelson.core.it;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.workload.Workloads;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the renderer produces is accepted by the cluster and rolls out under the golden-path defaults. */
@SimulatedClusterTest
class RenderedAppOnClusterTest {

  @Test
  void aRenderedAppRollsOut(KubernetesClient client, SimulatedCluster cluster) {
    AppSpec app = AppSpec.builder()
        .workload(Workloads.deployment("web").namespace("shop").replicas(3)
            .addContainer(ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
                .addPort(Port.of("http", 8080)).readiness(ProbeSpec.http("/ready", "http"))
                .resources(Resources.of("250m", "256Mi")).build())
            .build())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .build();
    List<HasMetadata> objects = Keelson.renderer().render(app);
    client.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
    client.resourceList(objects).forceConflicts().serverSideApply();

    cluster.advance(Duration.ofMinutes(2));

    assertThat(cluster).deployment("shop", "web").isRolledOut().hasReadyReplicas(3);
  }
}
