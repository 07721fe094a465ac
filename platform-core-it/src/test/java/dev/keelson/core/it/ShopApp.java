package dev.keelson.core.it;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.ImmutableAppSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.IngressSpec;
import dev.keelson.core.app.RoutePath;
import dev.keelson.core.app.SecretSpec;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.workload.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small but complete app for the plan/apply tests, rendered with the golden-path defaults. */
final class ShopApp {
  static final String DB_PASSWORD = "s3cr3t-hunter2-do-not-log";

  private ShopApp() {
  }

  static ImmutableAppSpec.Builder builder(String image) {
    return AppSpec.builder()
        .workload(Workloads.deployment("web").namespace("shop").replicas(3)
            .addContainer(ContainerSpec.builder().name("app").image(image)
                .addPort(Port.of("http", 8080))
                .readiness(ProbeSpec.http("/ready", "http"))
                .resources(Resources.of("250m", "256Mi"))
                .addEnv(EnvVarSpec.fromSecret("DB_PASSWORD", "web-db", "password"))
                .build())
            .build())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .addConfigMap(ConfigMapSpec.of("web-config", Map.of("log-level", "info")))
        .addSecret(SecretSpec.of("web-db", Map.of("password", DB_PASSWORD)));
  }

  static AppSpec withIngress(String image) {
    return builder(image)
        .addIngress(IngressSpec.builder().host("shop.example.com").addPath(RoutePath.prefix("/", "http")).build())
        .build();
  }

  static AppSpec autoscaled(String image) {
    return builder(image)
        .autoscaler(AutoscalerSpec.builder().minReplicas(2).maxReplicas(6).cpuUtilization(70).build())
        .build();
  }

  /** The namespace followed by the rendered app. */
  static List<HasMetadata> objects(AppSpec app) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());
    objects.addAll(Keelson.renderer().render(app));
    return objects;
  }
}
