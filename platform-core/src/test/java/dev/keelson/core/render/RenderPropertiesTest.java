package dev.keelson.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.spec.VolumeMountSpec;
import dev.keelson.core.spec.VolumeSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid specs render deterministically and round-trip; random invalid inputs are rejected by field. */
class RenderPropertiesTest {

  /** Inputs of a random app; building the spec from them is done in the property, in any map order. */
  record AppInputs(String name, String namespace, int replicas, String image, List<Integer> ports,
      String cpu, String memory, Map<String, String> labels, Map<String, String> config, boolean autoscaled) {

    AppSpec build(boolean reverseMaps) {
      var container = ContainerSpec.builder().name("app").image(image)
          .resources(Resources.of(cpu, memory))
          .addEnv(EnvVarSpec.fromConfigMap("SETTING", name + "-config", config.keySet().iterator().next()))
          .addVolumeMount(VolumeMountSpec.of("config", "/etc/" + name));
      for (int i = 0; i < ports.size(); i++) {
        container.addPort(Port.of("p" + i, ports.get(i)));
      }
      container.readiness(ProbeSpec.tcp("p0"));
      DeploymentSpec workload = Workloads.deployment(name).namespace(namespace).replicas(replicas)
          .labels(ordered(labels, reverseMaps))
          .addVolume(VolumeSpec.configMap("config", name + "-config"))
          .addContainer(container.build()).build();
      var app = AppSpec.builder().workload(workload).service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
          .addConfigMap(ConfigMapSpec.of(name + "-config", ordered(config, reverseMaps)));
      if (autoscaled) {
        app.autoscaler(AutoscalerSpec.builder().minReplicas(Math.max(1, replicas)).maxReplicas(replicas + 5)
            .cpuUtilization(70).build());
      }
      return app.build();
    }

    private static Map<String, String> ordered(Map<String, String> map, boolean reverse) {
      List<String> keys = new ArrayList<>(map.keySet());
      if (reverse) {
        Collections.reverse(keys);
      }
      Map<String, String> out = new LinkedHashMap<>();
      keys.forEach(k -> out.put(k, map.get(k)));
      return out;
    }
  }

  @Provide
  Arbitrary<String> dnsLabels() {
    Arbitrary<String> body = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMaxLength(20);
    Arbitrary<Character> edge = Arbitraries.chars().with("abcdefghijklmnopqrstuvwxyz0123456789".toCharArray());
    return Combinators.combine(edge, body, edge).as((a, b, c) -> a + b + c);
  }

  @Provide
  Arbitrary<AppInputs> apps() {
    Arbitrary<String> cpu = Arbitraries.of("100m", "250m", "1", "1500m", "2");
    Arbitrary<String> memory = Arbitraries.of("64Mi", "128Mi", "1Gi", "512M", "2G");
    Arbitrary<String> image = Combinators.combine(dnsLabels(), Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(0, 99)).as((repo, major, minor) ->
        "registry.example.com/" + repo + ":" + major + "." + minor);
    Arbitrary<List<Integer>> ports = Arbitraries.integers().between(1, 65535).set().ofMinSize(1).ofMaxSize(4)
        .map(ArrayList::new);
    Arbitrary<Map<String, String>> labels = Arbitraries.maps(dnsLabels().map(k -> "example.com/" + k),
        dnsLabels()).ofMaxSize(4);
    Arbitrary<Map<String, String>> config = Arbitraries.maps(
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz._-").ofMinLength(1).ofMaxLength(12)
            .filter(k -> !k.equals(".") && !k.equals("..")),
        Arbitraries.strings().ofMaxLength(40)).ofMinSize(1).ofMaxSize(5);
    return Combinators.combine(dnsLabels(), dnsLabels(), Arbitraries.integers().between(0, 20), image, ports,
        cpu, memory, labels).flatAs((name, ns, replicas, img, ps, c, m, l) ->
        Combinators.combine(config, Arbitraries.of(true, false))
            .as((cfg, auto) -> new AppInputs(name, ns, replicas, img, ps, c, m, l, cfg, auto)));
  }

  @Property(tries = 60)
  void renderingIsDeterministicWhateverTheMapOrder(@ForAll("apps") AppInputs inputs) {
    String first = Manifests.toYaml(Renderer.goldenPath().render(inputs.build(false)));
    String again = Manifests.toYaml(Renderer.goldenPath().render(inputs.build(false)));
    String reversed = Manifests.toYaml(Renderer.goldenPath().render(inputs.build(true)));
    assertThat(again).isEqualTo(first);
    assertThat(reversed).isEqualTo(first);
  }

  @Property(tries = 60)
  void yamlRoundTripsToEqualObjects(@ForAll("apps") AppInputs inputs) {
    List<HasMetadata> objects = Renderer.goldenPath().render(inputs.build(false));
    List<HasMetadata> parsed = Manifests.fromYaml(Manifests.toYaml(objects));
    assertThat(parsed).isEqualTo(objects);
    assertThat(Manifests.toYaml(parsed)).isEqualTo(Manifests.toYaml(objects));
  }

  @Provide
  Arbitrary<String> invalidNames() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).filter(s -> !s.equals(s.toLowerCase())),
        Arbitraries.strings().withChars("abc_!. ").ofMinLength(1).ofMaxLength(10)
            .filter(s -> s.chars().anyMatch(ch -> "_!. ".indexOf(ch) >= 0)),
        Arbitraries.strings().withChars("abc").ofLength(64),
        Arbitraries.just("-leading"), Arbitraries.just("trailing-"));
  }

  @Provide
  Arbitrary<String> invalidQuantities() {
    return Arbitraries.oneOf(
        // The grammar itself is tested in QuantitiesTest; here: whatever it rejects is reported at the field.
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4).map(s -> "1" + s)
            .filter(s -> !dev.keelson.core.validation.Quantities.isValid(s)),
        Arbitraries.of("", " ", "1.2.3", "--1", "1 Gi", "one", "12XB", "1e", "1i", "1.5.5Gi"));
  }

  @Property(tries = 80)
  void invalidNamesAreRejectedNamingTheField(@ForAll("invalidNames") String bad) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> Workloads.deployment(bad)
        .addContainer(ContainerSpec.builder().name(bad).image("nginx:1.27").build()).build());
    assertThat(e).isNotNull();
    assertThat(e.violations()).extracting(Violation::path).contains("name", "containers[" + bad + "].name");
  }

  @Property(tries = 80)
  void invalidQuantitiesAreRejectedNamingTheField(@ForAll("invalidQuantities") String bad) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> Workloads.deployment("web")
        .addContainer(ContainerSpec.builder().name("app").image("nginx:1.27")
            .resources(Resources.builder().cpuRequest("100m").memoryLimit(bad).build()).build()).build());
    assertThat(e).isNotNull();
    assertThat(e.violations()).extracting(Violation::path, Violation::rule)
        .contains(org.assertj.core.groups.Tuple.tuple("containers[app].resources.limits.memory", "quantity"));
  }

  @Property(tries = 60)
  void outOfRangePortsAreRejectedNamingTheField(@ForAll("badPorts") int port) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> Workloads.deployment("web")
        .addContainer(ContainerSpec.builder().name("app").image("nginx:1.27").addPort(Port.of("http", port))
            .build()).build());
    assertThat(e).isNotNull();
    assertThat(e.violations()).extracting(Violation::path).containsExactly("containers[app].ports[http].number");
  }

  @Provide
  Arbitrary<Integer> badPorts() {
    return Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(65536));
  }
}
