package dev.keelson.core.it;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.workload.Workloads;
import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.time.Duration;

/** The workloads the inventory tests look at: a web app behind a service, rendered by Keelson, and a report CronJob. */
final class Shop {

  static final String NAMESPACE = "shop";

  private Shop() {
  }

  /** Namespace {@code shop} of tenant {@code acme}, and Deployment + Service {@code web} with 3 ready replicas. */
  static void deployWeb(SimulatedCluster cluster, String image) {
    createNamespace(cluster);
    AppSpec app = AppSpec.builder()
        .workload(Workloads.deployment("web").namespace(NAMESPACE).replicas(3)
            .addContainer(ContainerSpec.builder().name("app").image(image)
                .addPort(Port.of("http", 8080)).readiness(ProbeSpec.http("/ready", "http"))
                .resources(Resources.of("250m", "256Mi")).build())
            .build())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .build();
    cluster.client().resourceList(Keelson.renderer().render(app)).forceConflicts().serverSideApply();
    cluster.advance(Duration.ofMinutes(2));
  }

  private static void createNamespace(SimulatedCluster cluster) {
    cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .addToLabels(Inventory.TENANT_LABEL, "acme").endMetadata().build()).serverSideApply();
  }

  /** CronJob {@code report} every 5 minutes; after the first run its Job and pod are still running. */
  static void scheduleReport(SimulatedCluster cluster, String image) {
    createNamespace(cluster);
    cluster.client().resource(new CronJobBuilder().withNewMetadata().withName("report").withNamespace(NAMESPACE)
        .endMetadata().withNewSpec().withSchedule("*/5 * * * *").withConcurrencyPolicy("Forbid")
        .withNewJobTemplate().withNewSpec().withBackoffLimit(0)
        .withNewTemplate().withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("report").withImage(image).endContainer()
        .endSpec().endTemplate().endSpec().endJobTemplate()
        .endSpec().build()).create();
    cluster.advance(Duration.ofMinutes(6));
  }
}
