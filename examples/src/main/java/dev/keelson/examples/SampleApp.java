package dev.keelson.examples;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.EnvironmentOverlay;
import dev.keelson.core.app.ScalingPolicy;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.VolumeMountSpec;
import dev.keelson.core.spec.VolumeSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sample app used throughout the docs, the golden-file test and the benchmarks: a web shop front end with
 * its Service, ServiceAccount, content-hashed ConfigMap, autoscaler, disruption budget and network policy.
 */
public final class SampleApp {
  private SampleApp() {
  }

  /** The shop's web front end as a Deployment spec. */
  public static DeploymentSpec workload() {
    return Workloads.deployment("web")
        .namespace("shop")
        .partOf("shop")
        .component("frontend")
        .replicas(3)
        .maxSurge("25%")
        .maxUnavailable("0")
        .addVolume(VolumeSpec.configMap("config", "web-config"))
        .addContainer(ContainerSpec.builder()
            .name("app")
            .image("registry.example.com/shop/web:1.4.2")
            .addPort(Port.of("http", 8080))
            .addPort(Port.of("metrics", 9090))
            .addEnv(EnvVarSpec.fromConfigMap("LOG_LEVEL", "web-config", "log-level"))
            .addEnv(EnvVarSpec.fromField("POD_NAME", "metadata.name"))
            .resources(Resources.of("250m", "256Mi"))
            .readiness(ProbeSpec.http("/ready", "http"))
            .liveness(ProbeSpec.http("/live", "http").withFailureThreshold(6))
            .slowStart(Duration.ofSeconds(60))
            .addVolumeMount(VolumeMountSpec.of("config", "/etc/web").withReadOnly(true))
            .build())
        .build();
  }

  /** The whole app: workload, Service, ServiceAccount, ConfigMap, HPA, PDB and NetworkPolicy. */
  public static AppSpec app() {
    return AppSpec.builder()
        .workload(workload())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .addConfigMap(ConfigMapSpec.of("web-config", Map.of("log-level", "info", "feature.checkout-v2", "false")))
        .autoscaler(AutoscalerSpec.builder()
            .minReplicas(3)
            .maxReplicas(10)
            .cpuUtilization(70)
            .scaleDownStabilizationSeconds(300)
            .addScaleDownPolicy(ScalingPolicy.percent(50, 60))
            .build())
        .build();
  }

  /** The environments the sample app is deployed to. */
  public static List<EnvironmentOverlay> environments() {
    return List.of(
        EnvironmentOverlay.builder().environment("staging").namespace("shop-staging")
            .replicas(2).autoscalerMin(2).autoscalerMax(4)
            .addEnv(EnvVarSpec.literal("LOG_LEVEL", "debug"))
            .build(),
        EnvironmentOverlay.builder().environment("prod").namespace("shop-prod")
            .putResource("app", Resources.of("1", "1Gi"))
            .autoscalerMin(6).autoscalerMax(30)
            .build());
  }
}
