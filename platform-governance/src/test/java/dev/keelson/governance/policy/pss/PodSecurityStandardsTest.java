package dev.keelson.governance.policy.pss;

import static dev.keelson.governance.policy.pss.Pods.caps;
import static dev.keelson.governance.policy.pss.Pods.hardened;
import static dev.keelson.governance.policy.pss.Pods.psc;
import static dev.keelson.governance.policy.pss.Pods.sc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodOS;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdicts and words of upstream's pod-security-admission, case by case: every check, its version boundaries, the
 * user-namespace and Windows relaxations, init and ephemeral containers. Expected strings are the API server's.
 */
class PodSecurityStandardsTest {

  private static final PodSecurityStandards PSS = PodSecurityStandards.upstream();

  private static Arguments c(String levelVersion, Consumer<Pod> change, String... expected) {
    return c(levelVersion, Pods::compliant, change, expected);
  }

  private static Arguments c(String levelVersion, Supplier<Pod> base, Consumer<Pod> change, String... expected) {
    return Arguments.of(levelVersion, base, change, List.of(expected));
  }

  private static Volume volume(String name, Consumer<Volume> source) {
    Volume v = new VolumeBuilder().withName(name).build();
    source.accept(v);
    return v;
  }

  private static void addVolume(Pod p, Volume v) {
    if (p.getSpec().getVolumes() == null) {
      p.getSpec().setVolumes(new ArrayList<>());
    }
    p.getSpec().getVolumes().add(v);
  }

  private static void sysctl(Pod p, String name) {
    if (psc(p).getSysctls() == null) {
      psc(p).setSysctls(new ArrayList<>());
    }
    psc(p).getSysctls().add(new Sysctl(name, "1"));
  }

  private static void hostPort(Pod p, int port) {
    if (Pods.container(p, "app").getPorts() == null) {
      Pods.container(p, "app").setPorts(new ArrayList<>());
    }
    ContainerPort cp = new ContainerPort();
    cp.setContainerPort(port);
    cp.setHostPort(port);
    Pods.container(p, "app").getPorts().add(cp);
  }

  private static void sidecar(Pod p, String name) {
    p.getSpec().getContainers().add(hardened(name));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // A compliant pod passes every level and version.
        c("restricted:latest", p -> { }),
        c("restricted:v1.23", p -> { }),
        c("baseline:v1.0", p -> { }),
        c("privileged:latest", Pods::bare, p -> p.getSpec().setHostNetwork(true)),
        // hostNamespaces
        c("baseline:latest", p -> p.getSpec().setHostNetwork(true), "host namespaces (hostNetwork=true)"),
        c("restricted:v1.23", p -> {
          p.getSpec().setHostNetwork(true);
          p.getSpec().setHostPID(true);
          p.getSpec().setHostIPC(true);
        }, "host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)"),
        c("baseline:latest", p -> p.getSpec().setHostIPC(false)),
        // privileged
        c("baseline:latest", p -> sc(p, "app").setPrivileged(true),
            "privileged (container \"app\" must not set securityContext.privileged=true)"),
        c("baseline:latest", p -> {
          sidecar(p, "proxy");
          sc(p, "app").setPrivileged(true);
          sc(p, "proxy").setPrivileged(true);
        }, "privileged (containers \"app\", \"proxy\" must not set securityContext.privileged=true)"),
        c("baseline:latest", p -> sc(p, "app").setPrivileged(false)),
        // capabilities_baseline
        c("baseline:latest", p -> caps(p, "app").setAdd(List.of("SYS_ADMIN", "NET_RAW")),
            "non-default capabilities (container \"app\" must not include \"NET_RAW\", \"SYS_ADMIN\" in "
                + "securityContext.capabilities.add)"),
        c("baseline:latest", p -> caps(p, "app").setAdd(List.of("CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT"))),
        c("baseline:latest", p -> {
          p.getSpec().setHostUsers(false);
          caps(p, "app").setAdd(List.of("NET_RAW"));
        }, "non-default capabilities (container \"app\" must not include \"NET_RAW\" in "
            + "securityContext.capabilities.add)"),
        // capabilities_restricted, and capabilities_baseline in restricted before v1.22
        c("restricted:latest", p -> caps(p, "app").setAdd(List.of("CHOWN")),
            "unrestricted capabilities (container \"app\" must not include \"CHOWN\" in "
                + "securityContext.capabilities.add)"),
        c("restricted:latest", p -> caps(p, "app").setAdd(List.of("NET_BIND_SERVICE"))),
        c("restricted:latest", p -> caps(p, "app").setDrop(List.of("NET_RAW")),
            "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"])"),
        c("restricted:latest", p -> {
          caps(p, "app").setDrop(List.of());
          caps(p, "app").setAdd(List.of("SYS_TIME"));
        }, "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]; "
            + "container \"app\" must not include \"SYS_TIME\" in securityContext.capabilities.add)"),
        c("restricted:v1.21", p -> caps(p, "app").setDrop(List.of())),
        c("restricted:v1.21", p -> caps(p, "app").setAdd(List.of("NET_RAW")),
            "non-default capabilities (container \"app\" must not include \"NET_RAW\" in "
                + "securityContext.capabilities.add)"),
        c("restricted:v1.22", p -> caps(p, "app").setDrop(List.of()),
            "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"])"),
        // hostPathVolumes, and restrictedVolumes overriding it
        c("baseline:latest", p -> addVolume(p, volume("host", v -> v.setHostPath(new HostPathVolumeSource("/var", "")))),
            "hostPath volumes (volume \"host\")"),
        c("restricted:latest", p -> addVolume(p, volume("host", v -> v.setHostPath(new HostPathVolumeSource("/var", "")))),
            "restricted volume types (volume \"host\" uses restricted volume type \"hostPath\")"),
        c("restricted:latest", p -> {
          addVolume(p, volume("a", v -> v.setHostPath(new HostPathVolumeSource("/a", ""))));
          addVolume(p, volume("b", v -> v.setNfs(new NFSVolumeSource("/b", false, "nfs"))));
        }, "restricted volume types (volumes \"a\", \"b\" use restricted volume types \"hostPath\", \"nfs\")"),
        c("baseline:latest", p -> addVolume(p, volume("b", v -> v.setNfs(new NFSVolumeSource("/b", false, "nfs"))))),
        c("restricted:v1.23", p -> addVolume(p, volume("img", v -> v.setImage(new ImageVolumeSource("IfNotPresent", "tools:1"))))),
        c("restricted:latest", p -> addVolume(p, volume("none", v -> { })),
            "restricted volume types (volume \"none\" uses restricted volume type \"unknown\")"),
        // hostPorts: ports collected as strings, so they sort as strings
        c("baseline:latest", p -> hostPort(p, 8080), "hostPort (container \"app\" uses hostPort 8080)"),
        c("baseline:latest", p -> {
          hostPort(p, 9000);
          hostPort(p, 10000);
        }, "hostPort (container \"app\" uses hostPorts 10000, 9000)"),
        // appArmorProfile: fields and the beta annotation
        c("baseline:latest", p -> psc(p).setAppArmorProfile(new AppArmorProfile(null, "Unconfined")),
            "forbidden AppArmor profile (pod must not set AppArmor profile type to \"Unconfined\")"),
        c("baseline:latest", p -> sc(p, "app").setAppArmorProfile(new AppArmorProfile("k8s-apparmor", "Localhost"))),
        c("baseline:v1.23", p -> p.getMetadata().setAnnotations(
            Map.of("container.apparmor.security.beta.kubernetes.io/app", "unconfined")),
            "forbidden AppArmor profile (annotation must not set AppArmor profile type to "
                + "\"container.apparmor.security.beta.kubernetes.io/app=\"unconfined\"\")"),
        c("baseline:latest", p -> {
          psc(p).setAppArmorProfile(new AppArmorProfile(null, "Unconfined"));
          sc(p, "app").setAppArmorProfile(new AppArmorProfile(null, "Unconfined"));
          p.getMetadata().setAnnotations(Map.of("container.apparmor.security.beta.kubernetes.io/app", "runtime/default",
              "container.apparmor.security.beta.kubernetes.io/x", "localhost/x"));
        }, "forbidden AppArmor profile (pod and container \"app\" must not set AppArmor profile type to "
            + "\"Unconfined\")"),
        // seLinuxOptions, container_engine_t from v1.31
        c("baseline:latest", p -> psc(p).setSeLinuxOptions(new SELinuxOptions(null, null, "spc_t", null)),
            "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type \"spc_t\")"),
        c("baseline:latest", p -> sc(p, "app").setSeLinuxOptions(new SELinuxOptions(null, "sysadm_r", "", "root")),
            "seLinuxOptions (container \"app\" set forbidden securityContext.seLinuxOptions: user may not be set; "
                + "role may not be set)"),
        c("baseline:v1.30", p -> sc(p, "app").setSeLinuxOptions(new SELinuxOptions("s0", null, "container_engine_t", null)),
            "seLinuxOptions (container \"app\" set forbidden securityContext.seLinuxOptions: type "
                + "\"container_engine_t\")"),
        c("baseline:v1.31", p -> sc(p, "app").setSeLinuxOptions(new SELinuxOptions("s0", null, "container_engine_t", null))),
        c("baseline:latest", p -> sc(p, "app").setSeLinuxOptions(new SELinuxOptions("s0:c1", null, "container_t", null))),
        // procMount, with the hostUsers: false relaxation of baseline from v1.35 and procMount_restricted
        c("baseline:latest", p -> sc(p, "app").setProcMount("Unmasked"),
            "procMount (container \"app\" must not set securityContext.procMount to \"Unmasked\")"),
        c("baseline:latest", p -> sc(p, "app").setProcMount("Default")),
        c("baseline:latest", p -> {
          p.getSpec().setHostUsers(false);
          sc(p, "app").setProcMount("Unmasked");
        }),
        c("baseline:v1.34", p -> {
          p.getSpec().setHostUsers(false);
          sc(p, "app").setProcMount("Unmasked");
        }, "procMount (container \"app\" must not set securityContext.procMount to \"Unmasked\")"),
        c("restricted:latest", p -> {
          p.getSpec().setHostUsers(false);
          sc(p, "app").setProcMount("Unmasked");
        }, "procMount (container \"app\" must not set securityContext.procMount to \"Unmasked\")"),
        // seccompProfile_baseline: annotations before v1.19, fields after
        c("baseline:v1.18", p -> p.getMetadata().setAnnotations(Map.of("seccomp.security.alpha.kubernetes.io/pod",
            "unconfined", "container.seccomp.security.alpha.kubernetes.io/app", "docker/default")),
            "seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")"),
        c("baseline:v1.19", p -> p.getMetadata().setAnnotations(Map.of("seccomp.security.alpha.kubernetes.io/pod",
            "unconfined"))),
        c("baseline:latest", p -> psc(p).setSeccompProfile(new SeccompProfile(null, "Unconfined")),
            "seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")"),
        c("baseline:latest", Pods::bare, p -> { }),
        c("baseline:latest", p -> psc(p).setSeccompProfile(new SeccompProfile()),
            "seccompProfile (pod must not set securityContext.seccompProfile.type to \"\")"),
        c("restricted:latest", p -> {
          psc(p).setSeccompProfile(new SeccompProfile(null, "Unconfined"));
          sidecar(p, "proxy");
          sc(p, "proxy").setSeccompProfile(new SeccompProfile(null, "Unconfined"));
          sc(p, "app").setSeccompProfile(new SeccompProfile("x.json", "Localhost"));
        }, "seccompProfile (pod and container \"proxy\" must not set securityContext.seccompProfile.type to "
            + "\"Unconfined\")"),
        // seccompProfile_restricted
        c("restricted:latest", p -> psc(p).setSeccompProfile(null),
            "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to "
                + "\"RuntimeDefault\" or \"Localhost\")"),
        c("restricted:latest", p -> {
          psc(p).setSeccompProfile(null);
          sc(p, "app").setSeccompProfile(new SeccompProfile("profiles/app.json", "Localhost"));
        }),
        c("restricted:latest", p -> sc(p, "app").setSeccompProfile(new SeccompProfile(null, "Unconfined")),
            "seccompProfile (container \"app\" must not set securityContext.seccompProfile.type to \"Unconfined\")"),
        c("restricted:v1.18", p -> psc(p).setSeccompProfile(null)),
        // sysctls: the allow-list grows at v1.27, v1.29, v1.32 and v1.37
        c("baseline:latest", p -> sysctl(p, "kernel.shm_rmid_forced")),
        c("baseline:latest", p -> sysctl(p, "kernel.msgmax"), "forbidden sysctls (kernel.msgmax)"),
        c("baseline:latest", p -> {
          sysctl(p, "kernel.msgmax");
          sysctl(p, "net.core.somaxconn");
        }, "forbidden sysctls (kernel.msgmax, net.core.somaxconn)"),
        c("baseline:v1.26", p -> sysctl(p, "net.ipv4.ip_local_reserved_ports"),
            "forbidden sysctls (net.ipv4.ip_local_reserved_ports)"),
        c("baseline:v1.27", p -> sysctl(p, "net.ipv4.ip_local_reserved_ports")),
        c("baseline:v1.28", p -> sysctl(p, "net.ipv4.tcp_keepalive_time"),
            "forbidden sysctls (net.ipv4.tcp_keepalive_time)"),
        c("baseline:v1.29", p -> {
          sysctl(p, "net.ipv4.tcp_keepalive_time");
          sysctl(p, "net.ipv4.tcp_fin_timeout");
          sysctl(p, "net.ipv4.tcp_keepalive_intvl");
          sysctl(p, "net.ipv4.tcp_keepalive_probes");
        }),
        c("baseline:v1.31", p -> sysctl(p, "net.ipv4.tcp_rmem"), "forbidden sysctls (net.ipv4.tcp_rmem)"),
        c("baseline:v1.32", p -> {
          sysctl(p, "net.ipv4.tcp_rmem");
          sysctl(p, "net.ipv4.tcp_wmem");
        }),
        c("baseline:v1.36", p -> sysctl(p, "net.ipv4.tcp_slow_start_after_idle"),
            "forbidden sysctls (net.ipv4.tcp_slow_start_after_idle)"),
        c("baseline:latest", p -> {
          sysctl(p, "net.ipv4.tcp_slow_start_after_idle");
          sysctl(p, "net.ipv4.tcp_notsent_lowat");
        }),
        // windowsHostProcess
        c("baseline:latest", p -> psc(p).setWindowsOptions(new WindowsSecurityContextOptions(null, null, true, null)),
            "hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)"),
        c("baseline:latest", p -> {
          psc(p).setWindowsOptions(new WindowsSecurityContextOptions(null, null, true, null));
          sc(p, "app").setWindowsOptions(new WindowsSecurityContextOptions(null, null, true, null));
        }, "hostProcess (pod and container \"app\" must not set securityContext.windowsOptions.hostProcess=true)"),
        // hostProbesAndHostLifecycle from v1.34
        c("baseline:v1.34", p -> Pods.container(p, "app").setReadinessProbe(httpProbe("10.0.0.1")),
            "probe or lifecycle host (container \"app\" uses probe or lifecycle host \"10.0.0.1\")"),
        c("baseline:v1.33", p -> Pods.container(p, "app").setReadinessProbe(httpProbe("10.0.0.1"))),
        c("baseline:latest", p -> Pods.container(p, "app").setLivenessProbe(httpProbe(""))),
        // allowPrivilegeEscalation
        c("restricted:latest", p -> sc(p, "app").setAllowPrivilegeEscalation(null),
            "allowPrivilegeEscalation != false (container \"app\" must set "
                + "securityContext.allowPrivilegeEscalation=false)"),
        c("restricted:latest", p -> sc(p, "app").setAllowPrivilegeEscalation(true),
            "allowPrivilegeEscalation != false (container \"app\" must set "
                + "securityContext.allowPrivilegeEscalation=false)"),
        c("baseline:latest", p -> sc(p, "app").setAllowPrivilegeEscalation(true)),
        // Windows pods: exempt from allowPrivilegeEscalation, seccomp and capabilities from v1.25
        c("restricted:v1.25", Pods::bare, p -> {
          p.getSpec().setOs(new PodOS("windows"));
          psc(p).setRunAsNonRoot(true);
        }),
        c("restricted:v1.24", Pods::bare, p -> {
          p.getSpec().setOs(new PodOS("windows"));
          psc(p).setRunAsNonRoot(true);
        }, "allowPrivilegeEscalation != false (container \"app\" must set "
            + "securityContext.allowPrivilegeEscalation=false)",
            "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"])",
            "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to "
                + "\"RuntimeDefault\" or \"Localhost\")"),
        c("restricted:latest", Pods::bare, p -> p.getSpec().setOs(new PodOS("windows")),
            "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true)"),
        // runAsNonRoot, with the hostUsers: false relaxation from v1.35
        c("restricted:latest", p -> psc(p).setRunAsNonRoot(false),
            "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)"),
        c("restricted:latest", p -> psc(p).setRunAsNonRoot(null),
            "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true)"),
        c("restricted:latest", p -> {
          psc(p).setRunAsNonRoot(null);
          sc(p, "app").setRunAsNonRoot(true);
        }),
        c("restricted:latest", p -> sc(p, "app").setRunAsNonRoot(false),
            "runAsNonRoot != true (container \"app\" must not set securityContext.runAsNonRoot=false)"),
        c("restricted:latest", p -> {
          p.getSpec().setHostUsers(false);
          psc(p).setRunAsNonRoot(null);
          psc(p).setRunAsUser(0L);
        }),
        c("restricted:v1.34", p -> {
          p.getSpec().setHostUsers(false);
          psc(p).setRunAsNonRoot(null);
        }, "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true)"),
        // runAsUser from v1.23
        c("restricted:latest", p -> psc(p).setRunAsUser(0L), "runAsUser=0 (pod must not set runAsUser=0)"),
        c("restricted:latest", p -> {
          psc(p).setRunAsUser(0L);
          sc(p, "app").setRunAsUser(0L);
        }, "runAsUser=0 (pod and container \"app\" must not set runAsUser=0)"),
        c("restricted:latest", p -> psc(p).setRunAsUser(1000L)),
        c("restricted:v1.22", p -> psc(p).setRunAsUser(0L)),
        c("restricted:v1.34", p -> {
          p.getSpec().setHostUsers(false);
          psc(p).setRunAsUser(0L);
        }, "runAsUser=0 (pod must not set runAsUser=0)"),
        // Init and ephemeral containers count, in upstream's visiting order
        c("restricted:latest", p -> p.getSpec().setInitContainers(new ArrayList<>(List.of(bareContainer("setup")))),
            "allowPrivilegeEscalation != false (container \"setup\" must set "
                + "securityContext.allowPrivilegeEscalation=false)",
            "unrestricted capabilities (container \"setup\" must set securityContext.capabilities.drop=[\"ALL\"])"),
        c("baseline:latest", p -> {
          EphemeralContainer debug = new EphemeralContainer();
          debug.setName("debug");
          debug.setImage("busybox:1");
          debug.setSecurityContext(new io.fabric8.kubernetes.api.model.SecurityContext());
          debug.getSecurityContext().setPrivileged(true);
          p.getSpec().setEphemeralContainers(List.of(debug));
          p.getSpec().setInitContainers(List.of(bareContainer("setup")));
          sc(p, "setup").setPrivileged(true);
          sc(p, "app").setPrivileged(true);
        }, "privileged (containers \"setup\", \"app\", \"debug\" must not set securityContext.privileged=true)"),
        // Baseline checks come first in ID order, then restricted ones in ID order.
        c("restricted:latest", p -> {
          sc(p, "app").setAllowPrivilegeEscalation(null);
          sysctl(p, "kernel.msgmax");
          p.getSpec().setHostPID(true);
        }, "host namespaces (hostPID=true)", "forbidden sysctls (kernel.msgmax)",
            "allowPrivilegeEscalation != false (container \"app\" must set "
                + "securityContext.allowPrivilegeEscalation=false)"),
        // An empty AppArmor type reads as "", as in Go.
        c("baseline:latest", p -> sc(p, "app").setAppArmorProfile(new AppArmorProfile()),
            "forbidden AppArmor profile (container \"app\" must not set AppArmor profile type to \"\")"),
        // Versions newer than the newest revision evaluate as latest.
        c("baseline:v1.99", p -> sysctl(p, "net.ipv4.tcp_notsent_lowat")));
  }

  private static io.fabric8.kubernetes.api.model.Container bareContainer(String name) {
    io.fabric8.kubernetes.api.model.Container c = new io.fabric8.kubernetes.api.model.Container();
    c.setName(name);
    c.setImage("busybox:1");
    return c;
  }

  private static Probe httpProbe(String host) {
    Probe probe = new Probe();
    HTTPGetAction get = new HTTPGetAction();
    get.setHost(host);
    get.setPath("/ready");
    probe.setHttpGet(get);
    return probe;
  }

  @ParameterizedTest(name = "[{index}] {0} -> {3}")
  @MethodSource("cases")
  void verdictsAndWordsMatchUpstream(String levelVersion, Supplier<Pod> base, Consumer<Pod> change,
      List<String> expected) {
    Pod pod = base.get();
    change.accept(pod);
    String[] lv = levelVersion.split(":");
    assertThat(PSS.evaluate(lv[0], lv[1], pod)).map(PodSecurityViolation::toString)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aPodWithoutSecuritySettingsIsDeniedInTheApiServersWords() {
    List<PodSecurityViolation> violations = PSS.evaluate("restricted", "latest", Pods.bare());
    assertThat(PodSecurityStandards.message("restricted", "latest", violations)).isEqualTo(
        "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"app\" must set "
            + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"app\" must set "
            + "securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"app\" must set "
            + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \"app\" must set "
            + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
    assertThat(violations).extracting(PodSecurityViolation::checkId).containsExactly("allowPrivilegeEscalation",
        "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted");
    assertThat(violations.get(0).paths()).containsExactly("spec.containers[app].securityContext.allowPrivilegeEscalation");
  }

  @Test
  void checkRevisionsAreUpstreamsVersionTable() {
    assertThat(PSS.newestVersion()).isEqualTo(PodSecurityVersion.of(37));
    assertThat(PSS.checkRevisions()).containsEntry("sysctls", List.of(0, 27, 29, 32, 37))
        .containsEntry("procMount", List.of(0, 35)).containsEntry("procMount_restricted", List.of(35))
        .containsEntry("runAsUser", List.of(23, 35)).containsEntry("hostProbesAndHostLifecycle", List.of(34))
        .containsEntry("seccompProfile_baseline", List.of(0, 19)).containsEntry("seLinuxOptions", List.of(0, 31))
        .containsEntry("capabilities_restricted", List.of(22, 25)).hasSize(19);
  }

  @Test
  void unknownLevelsAndVersionsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> PSS.evaluate("strict", "latest", Pods.compliant()))
        .hasMessage("pod security level \"strict\" is not one of privileged, baseline, restricted");
    assertThatThrownBy(() -> PSS.evaluate("baseline", "1.29", Pods.compliant()))
        .hasMessage("pod security version \"1.29\" is not latest or v1.N");
    assertThat(PodSecurityVersion.parse("v1.29")).isEqualTo(PodSecurityVersion.of(29));
    assertThat(PodSecurityVersion.parse("latest")).hasToString("latest");
  }
}
