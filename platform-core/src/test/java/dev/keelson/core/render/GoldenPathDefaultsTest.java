package dev.keelson.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.defaults.Default;
import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.defaults.SizeClass;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.ImmutableContainerSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.SecurityOverrides;
import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.spec.VolumeSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenPathDefaultsTest {

  static ImmutableContainerSpec.Builder app() {
    return ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
        .addPort(Port.of("http", 8080)).resources(Resources.of("250m", "256Mi"))
        .readiness(ProbeSpec.http("/ready", "http"));
  }

  static DeploymentSpec web(int replicas) {
    return Workloads.deployment("web").replicas(replicas).addContainer(app().build()).build();
  }

  static Deployment render(Renderer renderer, DeploymentSpec spec) {
    return (Deployment) renderer.render(spec);
  }

  static Container main(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void restrictedSecurityContextIsTheDefault() {
    Deployment d = render(Renderer.goldenPath(), web(3));
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container c = main(d);
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo("tmp");
      assertThat(v.getEmptyDir()).isNotNull();
    });
  }

  @Test
  void eachDefaultCanBeSwitchedOffByNameAndTheAnnotationSaysWhichApplied() {
    Deployment on = render(Renderer.goldenPath(), web(3));
    assertThat(on.getMetadata().getAnnotations().get(Defaults.APPLIED_ANNOTATION))
        .contains("read-only-root-filesystem", "drop-all-capabilities", "graceful-shutdown");
    Deployment off = render(Renderer.with(Defaults.goldenPath().without(Default.READ_ONLY_ROOT_FILESYSTEM)),
        web(3));
    assertThat(main(off).getSecurityContext().getReadOnlyRootFilesystem()).isNull();
    assertThat(main(off).getVolumeMounts()).isEmpty();
    assertThat(off.getMetadata().getAnnotations().get(Defaults.APPLIED_ANNOTATION))
        .doesNotContain("read-only-root-filesystem").contains("drop-all-capabilities");
    Deployment none = render(Renderer.with(Defaults.none()), web(3));
    assertThat(none.getMetadata().getAnnotations()).isEmpty();
    assertThat(main(none).getSecurityContext()).isNull();
    assertThat(none.getSpec().getTemplate().getSpec().getSecurityContext()).isNull();
  }

  @Test
  void recommendedLabelsAndAVersionIndependentSelector() {
    Deployment v1 = render(Renderer.goldenPath(), web(3));
    Deployment v2 = render(Renderer.goldenPath(), Workloads.deployment("web").replicas(3)
        .addContainer(app().image("registry.example.com/shop/web:1.5.0").build()).build());
    assertThat(v1.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "web")
        .containsEntry("app.kubernetes.io/instance", "web")
        .containsEntry("app.kubernetes.io/version", "1.4.2")
        .containsEntry("app.kubernetes.io/managed-by", "keelson");
    assertThat(v2.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/version", "1.5.0");
    assertThat(v1.getSpec().getSelector()).isEqualTo(v2.getSpec().getSelector());
    assertThat(v1.getSpec().getSelector().getMatchLabels()).doesNotContainKey("app.kubernetes.io/version");
  }

  @Test
  void memoryLimitEqualsRequestCpuLimitOffUnlessAskedFor() {
    Container c = main(render(Renderer.goldenPath(), web(1)));
    assertThat(c.getResources().getLimits()).containsOnlyKeys("memory")
        .containsEntry("memory", new Quantity("256Mi"));
    Container withCpu = main(render(Renderer.with(Defaults.goldenPath().with(Default.CPU_LIMIT_EQUALS_REQUEST)),
        web(1)));
    assertThat(withCpu.getResources().getLimits()).containsEntry("cpu", new Quantity("250m"));
  }

  @Test
  void requestsAreRequiredOrFilledFromASizeClass() {
    DeploymentSpec bare = Workloads.deployment("web").addContainer(ContainerSpec.builder().from(app().build())
        .resources(java.util.Optional.empty()).build()).build();
    assertThatThrownBy(() -> Renderer.goldenPath().render(bare))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::rule)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("containers[app].resources", "resource-requests")));
    Container filled = main(render(Renderer.with(Defaults.goldenPath().withDefaultSizeClass("medium")), bare));
    assertThat(filled.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity("512Mi"));
    DeploymentSpec named = Workloads.deployment("web").addContainer(ContainerSpec.builder().from(app().build())
        .resources(java.util.Optional.empty()).sizeClass("gpu").build()).build();
    Defaults withGpu = Defaults.goldenPath().withSizeClass(new SizeClass("gpu", Resources.of("4", "16Gi")));
    assertThat(main(render(Renderer.with(withGpu), named)).getResources().getRequests())
        .containsEntry("cpu", new Quantity("4"));
    assertThatThrownBy(() -> Renderer.goldenPath().render(named)).isInstanceOf(SpecException.class)
        .hasMessageContaining("containers[app].sizeClass: \"gpu\" is not a size class of profile golden-path");
  }

  @Test
  void latestOrUntaggedImagesAndMissingReadinessAreRejectedTogether() {
    DeploymentSpec spec = Workloads.deployment("web")
        .addContainer(ContainerSpec.builder().name("app").image("nginx").resources(Resources.of("1", "1Gi")).build())
        .addContainer(ContainerSpec.builder().name("side").image("busybox:latest").resources(Resources.of("1", "1Gi"))
            .readiness(ProbeSpec.exec("true")).build())
        .build();
    assertThatThrownBy(() -> Renderer.goldenPath().render(spec))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("containers[app].image", "pinned-image-tag"),
                org.assertj.core.groups.Tuple.tuple("containers[app].readiness", "readiness-probe-required"),
                org.assertj.core.groups.Tuple.tuple("containers[side].image", "pinned-image-tag")));
    DeploymentSpec pinned = Workloads.deployment("web").addContainer(ContainerSpec.builder().from(app().build())
        .image("nginx@sha256:" + "a".repeat(64)).build()).build();
    assertThat(main(render(Renderer.goldenPath(), pinned)).getImage()).endsWith("a".repeat(64));
  }

  @Test
  void slowStartersGetAStartupProbeDerivedFromReadiness() {
    Deployment d = render(Renderer.goldenPath(), Workloads.deployment("web")
        .addContainer(app().slowStart(Duration.ofSeconds(95)).build()).build());
    var startup = main(d).getStartupProbe();
    assertThat(startup.getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(startup.getPeriodSeconds()).isEqualTo(10);
    assertThat(startup.getFailureThreshold()).isEqualTo(10);
  }

  @Test
  void gracefulShutdownAndExplicitRolloutSettings() {
    Deployment d = render(Renderer.goldenPath(), web(3));
    assertThat(main(d).getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
    assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(5);
    assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(c -> c.getTopologyKey())
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
  }

  @Test
  void securityOverridesWin() {
    Deployment d = render(Renderer.goldenPath(), Workloads.deployment("web").addContainer(app()
        .security(SecurityOverrides.builder().readOnlyRootFilesystem(false).runAsUser(10001L)
            .addAddCapability("NET_BIND_SERVICE").build())
        .build()).build());
    var sc = main(d).getSecurityContext();
    assertThat(sc.getReadOnlyRootFilesystem()).isFalse();
    assertThat(sc.getRunAsUser()).isEqualTo(10001L);
    assertThat(sc.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("tmp"));
  }

  @Test
  void apiAccessMountsTheToken() {
    Deployment d = render(Renderer.goldenPath(), Workloads.deployment("op").apiAccess(true)
        .addContainer(app().build()).build());
    assertThat(d.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void disruptionBudgetOnlyForTwoOrMoreReplicas() {
    assertThat(pdbs(AppSpec.builder().workload(web(2)).build())).singleElement()
        .satisfies(p -> assertThat(p.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1));
    assertThat(pdbs(AppSpec.builder().workload(web(1)).build())).isEmpty();
    assertThat(pdbs(AppSpec.builder().workload(web(1))
        .autoscaler(AutoscalerSpec.builder().minReplicas(2).maxReplicas(5).cpuUtilization(80).build()).build()))
        .hasSize(1);
  }

  private static List<PodDisruptionBudget> pdbs(AppSpec app) {
    return Renderer.goldenPath().render(app).stream().filter(PodDisruptionBudget.class::isInstance)
        .map(PodDisruptionBudget.class::cast).toList();
  }

  @Test
  void configChangeRenamesTheConfigMapAndChangesThePodTemplate() {
    DeploymentSpec w = Workloads.deployment("web").addVolume(VolumeSpec.configMap("config", "web-config"))
        .addContainer(app().build()).build();
    AppSpec a = AppSpec.builder().workload(w).service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .addConfigMap(ConfigMapSpec.of("web-config", Map.of("level", "info"))).build();
    AppSpec b = AppSpec.builder().from(a)
        .configMaps(List.of(ConfigMapSpec.of("web-config", Map.of("level", "debug")))).build();
    List<HasMetadata> ra = Renderer.goldenPath().render(a);
    List<HasMetadata> rb = Renderer.goldenPath().render(b);
    String nameA = ra.get(1).getMetadata().getName();
    String nameB = rb.get(1).getMetadata().getName();
    assertThat(nameA).matches("web-config-[bcdfghjklmnpqrstvwxz2456789]{10}").isNotEqualTo(nameB);
    Deployment da = (Deployment) ra.get(2);
    Deployment db = (Deployment) rb.get(2);
    assertThat(da.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName()).isEqualTo(nameA);
    assertThat(da.getSpec().getTemplate()).isNotEqualTo(db.getSpec().getTemplate());
    assertThat(Renderer.goldenPath().render(a)).isEqualTo(ra);
  }
}
