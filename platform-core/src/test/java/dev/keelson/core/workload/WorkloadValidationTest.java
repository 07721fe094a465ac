package dev.keelson.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.Scheduling;
import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.TolerationSpec;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.spec.VolumeMountSpec;
import dev.keelson.core.spec.VolumeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadValidationTest {

  static ContainerSpec app() {
    return ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
        .addPort(Port.of("http", 8080)).resources(Resources.of("250m", "256Mi"))
        .readiness(ProbeSpec.http("/ready", "http")).build();
  }

  static List<Violation> violations(Runnable build) {
    try {
      build.run();
    } catch (SpecException e) {
      return e.violations();
    }
    throw new AssertionError("expected a SpecException");
  }

  @Test
  void validDeploymentBuilds() {
    DeploymentSpec d = Workloads.deployment("web").replicas(3).addContainer(app()).build();
    assertThat(d.kind()).isEqualTo("Deployment");
    assertThat(d.replicas()).isEqualTo(3);
  }

  @Test
  void everyViolationIsReportedAtOnceWithItsPath() {
    List<Violation> v = violations(() -> Workloads.deployment("Web_1")
        .replicas(-1)
        .addContainer(ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
            .resources(Resources.builder().cpuRequest("2").cpuLimit("1").memoryRequest("12XB").build())
            .build())
        .build());
    assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder(
        "name", "replicas", "containers[app].resources.requests.memory", "containers[app].resources.requests.cpu");
    assertThat(v).filteredOn(x -> x.path().equals("containers[app].resources.requests.memory")).singleElement()
        .satisfies(x -> {
          assertThat(x.rule()).isEqualTo("quantity");
          assertThat(x.message()).startsWith("\"12XB\" is not a quantity");
        });
    assertThat(v).filteredOn(x -> x.path().equals("containers[app].resources.requests.cpu")).singleElement()
        .satisfies(x -> assertThat(x.message()).isEqualTo("must be less than or equal to cpu limit of 1, got 2"));
    assertThat(v).filteredOn(x -> x.path().equals("name")).singleElement()
        .satisfies(x -> assertThat(x.rule()).isEqualTo("dns-1123-label"));
  }

  @Test
  void exceptionMessageListsEachViolation() {
    assertThatThrownBy(() -> Workloads.deployment("web").build())
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("DeploymentSpec \"web\" is invalid (1 violation)")
        .hasMessageContaining("containers: at least one container is required [required]");
  }

  @Test
  void missingRequiredAttributesAreViolationsNotNullPointers() {
    List<Violation> v = violations(() -> Workloads.deployment("web")
        .addContainer(ContainerSpec.builder().name("app").build()).build());
    assertThat(v).extracting(Violation::path, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("containers[app].image", "required"));
  }

  @Test
  void duplicateContainerNamesAcrossInitAndMainAreRejected() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(app())
        .addInitContainer(ContainerSpec.of("app", "busybox:1.36")).build());
    assertThat(v).extracting(Violation::path, Violation::rule).containsExactly(
        org.assertj.core.groups.Tuple.tuple("containers[app].name", "unique-container-name"));
  }

  @Test
  void portsMustBeInRangeUniqueAndWellNamed() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(ContainerSpec.builder()
        .from(app()).ports(List.of(Port.of("http", 8080), Port.of("http", 70000), Port.of("Web--UI", 8080)))
        .build()).build());
    assertThat(v).extracting(Violation::path, Violation::rule).contains(
        org.assertj.core.groups.Tuple.tuple("containers[app].ports[http].name", "unique-port-name"),
        org.assertj.core.groups.Tuple.tuple("containers[app].ports[http].number", "port-range"),
        org.assertj.core.groups.Tuple.tuple("containers[app].ports[Web--UI].name", "port-name"),
        org.assertj.core.groups.Tuple.tuple("containers[app].ports[Web--UI].number", "unique-port"));
  }

  @Test
  void probesMustPointAtDeclaredPortsAndHaveSaneTimings() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(ContainerSpec.builder()
        .from(app())
        .readiness(ProbeSpec.http("ready", "admin").withPeriodSeconds(0))
        .liveness(ProbeSpec.tcp(8080).withSuccessThreshold(2))
        .build()).build());
    assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder(
        "containers[app].readiness.path", "containers[app].readiness.portName",
        "containers[app].readiness.periodSeconds", "containers[app].liveness.successThreshold");
  }

  @Test
  void imageEnvAndMountsAreChecked() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(ContainerSpec.builder()
        .from(app())
        .image("Registry.Example.com/Shop:1.0")
        .addEnv(EnvVarSpec.literal("1BAD", "x"))
        .addEnv(EnvVarSpec.fromSecret("DB_PASSWORD", "db", "password"))
        .addVolumeMount(VolumeMountSpec.of("missing", "relative/path"))
        .build()).build());
    assertThat(v).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("containers[app].image", "image-reference"),
        org.assertj.core.groups.Tuple.tuple("containers[app].env[1BAD].name", "env-var-name"),
        org.assertj.core.groups.Tuple.tuple("containers[app].volumeMounts[relative/path].volume", "known-volume"),
        org.assertj.core.groups.Tuple.tuple("containers[app].volumeMounts[relative/path].mountPath",
            "absolute-path"));
  }

  @Test
  void rolloutParametersMustAllowProgress() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(app())
        .maxSurge("0").maxUnavailable("0%").build());
    assertThat(v).extracting(Violation::path, Violation::rule).containsExactly(
        org.assertj.core.groups.Tuple.tuple("maxUnavailable", "rollout-progress"));
    assertThat(violations(() -> Workloads.deployment("web").addContainer(app()).maxSurge("25 %").build()))
        .extracting(Violation::rule).containsExactly("int-or-percent");
  }

  @Test
  void labelsAndAnnotationsFollowKubernetesSyntax() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(app())
        .putLabel("team", "shop front")
        .putLabel("-bad", "ok")
        .putAnnotation("example.com/owner", "x".repeat(300))
        .putAnnotation("Bad Key", "v")
        .build());
    assertThat(v).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("labels[team]", "label-value"),
        org.assertj.core.groups.Tuple.tuple("labels[-bad]", "label-key"),
        org.assertj.core.groups.Tuple.tuple("annotations[Bad Key]", "annotation-key"));
  }

  @Test
  void schedulingIsChecked() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(app())
        .scheduling(Scheduling.builder()
            .addToleration(TolerationSpec.exists("dedicated", "NoSchedule").withValue("batch"))
            .addToleration(TolerationSpec.equal("dedicated", "batch", "Sometimes"))
            .addToleration(TolerationSpec.equal("gpu", "yes", "NoSchedule").withTolerationSeconds(30L))
            .build())
        .build());
    assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder(
        "scheduling.tolerations[0].value", "scheduling.tolerations[1].effect",
        "scheduling.tolerations[2].tolerationSeconds");
  }

  @Test
  void statefulSetClaimsAndPartition() {
    StatefulSetSpec ok = Workloads.statefulSet("db").replicas(3).partition(2)
        .addClaimTemplate(ClaimTemplate.of("data", "10Gi")).addContainer(app()).build();
    assertThat(ok.governingService()).isEqualTo("db");
    List<Violation> v = violations(() -> Workloads.statefulSet("db")
        .addClaimTemplate(ClaimTemplate.of("data", "ten gigs"))
        .addClaimTemplate(ClaimTemplate.of("data", "1Gi"))
        .updateStrategy(StatefulSetSpec.UpdateStrategy.ON_DELETE).partition(1)
        .addContainer(app()).build());
    assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder(
        "claimTemplates[data].size", "claimTemplates[data].name", "partition");
  }

  @Test
  void jobAndCronJobRules() {
    assertThat(violations(() -> Workloads.job("migrate").backoffLimit(-1).completions(-2)
        .activeDeadlineSeconds(0L).addContainer(ContainerSpec.of("migrate", "flyway/flyway:10.1")).build()))
        .extracting(Violation::path).containsExactlyInAnyOrder("backoffLimit", "completions",
            "activeDeadlineSeconds");
    List<Violation> v = violations(() -> Workloads.cronJob("a".repeat(53), "61 * * * *")
        .timeZone("Mars/Olympus").addContainer(ContainerSpec.of("job", "busybox:1.36")).build());
    assertThat(v).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("name", "cronjob-name-length"),
        org.assertj.core.groups.Tuple.tuple("schedule", "cron-schedule"),
        org.assertj.core.groups.Tuple.tuple("timeZone", "time-zone"));
    CronJobSpec ok = Workloads.cronJob("report", "0 6 * * MON-FRI").timeZone("Europe/Berlin")
        .addContainer(ContainerSpec.of("job", "busybox:1.36")).build();
    assertThat(ok.concurrency()).isEqualTo(CronJobSpec.Concurrency.ALLOW);
  }

  @Test
  void volumesNeedSourcesAndUniqueNames() {
    List<Violation> v = violations(() -> Workloads.deployment("web").addContainer(app())
        .addVolume(VolumeSpec.emptyDir("cache").withSizeLimit("lots"))
        .addVolume(VolumeSpec.emptyDir("cache"))
        .addVolume(VolumeSpec.builder().name("cfg").kind(VolumeSpec.Kind.CONFIG_MAP).build())
        .build());
    assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder(
        "volumes[cache].sizeLimit", "volumes[cache].name", "volumes[cfg].source");
  }
}
