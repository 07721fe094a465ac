package dev.keelson.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
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
import dev.keelson.core.workload.Workloads;
import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Golden-path output of platform-core passes Pod Security restricted and every best practice with zero findings. */
public class GoldenPathPolicyTest {

  public static final PolicyEngine ENGINE = PolicyEngine.builder()
      .podSecurity(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST)
      .rules(BestPractices.builder().allowedRegistries("registry.example.com").build())
      .build();

  /** The docs' sample shop front end, as examples' SampleApp builds it. */
  public static AppSpec shop() {
    return AppSpec.builder()
        .workload(Workloads.deployment("web").namespace("shop").partOf("shop").component("frontend")
            .replicas(3).maxSurge("25%").maxUnavailable("0")
            .addVolume(VolumeSpec.configMap("config", "web-config"))
            .addContainer(ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
                .addPort(Port.of("http", 8080)).addPort(Port.of("metrics", 9090))
                .addEnv(EnvVarSpec.fromConfigMap("LOG_LEVEL", "web-config", "log-level"))
                .resources(Resources.of("250m", "256Mi"))
                .readiness(ProbeSpec.http("/ready", "http"))
                .liveness(ProbeSpec.http("/live", "http").withFailureThreshold(6))
                .slowStart(Duration.ofSeconds(60))
                .addVolumeMount(VolumeMountSpec.of("config", "/etc/web").withReadOnly(true))
                .build())
            .build())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .addConfigMap(ConfigMapSpec.of("web-config", Map.of("log-level", "info")))
        .autoscaler(AutoscalerSpec.builder().minReplicas(3).maxReplicas(10).cpuUtilization(70)
            .scaleDownStabilizationSeconds(300).addScaleDownPolicy(ScalingPolicy.percent(50, 60)).build())
        .build();
  }

  @Test
  void theSampleAppPassesEveryRule() {
    List<HasMetadata> objects = Keelson.renderer().render(shop());
    PolicyResult result = ENGINE.evaluate(objects);
    assertThat(result.findings()).isEmpty();
    assertThat(result.verdicts()).hasSize(objects.size());
    assertThat(result.verdicts().stream().filter(v -> v.object().getKind().equals("Deployment")).findFirst()
        .orElseThrow().rules()).contains("pod-security", "requests-limits", "pdb-for-replicas", "network-policy");
  }

  @Test
  void theSampleAppInProductionPassesEveryRule() {
    AppSpec prod = shop().forEnvironment(EnvironmentOverlay.builder().environment("prod").namespace("shop-prod")
        .putResource("app", Resources.of("1", "1Gi")).autoscalerMin(6).autoscalerMax(30).build());
    assertThat(ENGINE.evaluate(Keelson.renderer().render(prod)).findings()).isEmpty();
  }

  @Provide
  Arbitrary<AppSpec> apps() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12);
    Arbitrary<Integer> replicas = Arbitraries.integers().between(1, 6);
    Arbitrary<String> tags = Arbitraries.integers().between(0, 40).map(n -> "1." + n + ".0");
    Arbitrary<Integer> cpu = Arbitraries.integers().between(1, 20).map(n -> n * 50);
    Arbitrary<Integer> memory = Arbitraries.integers().between(1, 16).map(n -> n * 64);
    Arbitrary<Boolean> autoscaled = Arbitraries.of(true, false);
    return Combinators.combine(names, replicas, tags, cpu, memory, autoscaled).as((name, n, tag, c, m, hpa) -> {
      var app = AppSpec.builder()
          .workload(Workloads.deployment(name).namespace("team-" + name).replicas(n)
              .addContainer(ContainerSpec.builder().name("app").image("registry.example.com/" + name + ":" + tag)
                  .addPort(Port.of("http", 8080)).resources(Resources.of(c + "m", m + "Mi"))
                  .readiness(ProbeSpec.http("/ready", "http")).build())
              .build())
          .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP));
      if (hpa) {
        app.autoscaler(AutoscalerSpec.builder().minReplicas(n).maxReplicas(n + 4).cpuUtilization(70).build());
      }
      return app.build();
    });
  }

  @Property(tries = 60)
  void everyGoldenPathAppPassesEveryRule(@ForAll("apps") AppSpec app) {
    assertThat(ENGINE.evaluate(Keelson.renderer().render(app)).findings()).isEmpty();
  }
}
