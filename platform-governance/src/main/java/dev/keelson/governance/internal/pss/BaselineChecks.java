package dev.keelson.governance.internal.pss;

import static dev.keelson.governance.internal.pss.Words.containers;
import static dev.keelson.governance.internal.pss.Words.goQuote;
import static dev.keelson.governance.internal.pss.Words.joinQuote;
import static dev.keelson.governance.internal.pss.Words.pluralize;

import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityViolation;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline checks of upstream's {@code k8s.io/pod-security-admission/policy}, one method per revision
 * ({@code check_<id>.go}'s {@code <id>_1_N} functions), with upstream's reasons and details. Each returns null when
 * the pod passes.
 */
final class BaselineChecks {
  private BaselineChecks() {
  }

  static final Set<String> CAPABILITIES_ALLOWED_1_0 = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
      "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  static final Set<String> SELINUX_TYPES_1_0 = Set.of("", "container_t", "container_init_t", "container_kvm_t");
  static final Set<String> SELINUX_TYPES_1_31 = union(SELINUX_TYPES_1_0, "container_engine_t");
  static final Set<String> SYSCTLS_1_0 = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start");
  static final Set<String> SYSCTLS_1_27 = union(SYSCTLS_1_0, "net.ipv4.ip_local_reserved_ports");
  static final Set<String> SYSCTLS_1_29 = union(SYSCTLS_1_27, "net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
  static final Set<String> SYSCTLS_1_32 = union(SYSCTLS_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  static final Set<String> SYSCTLS_1_37 = union(SYSCTLS_1_32, "net.ipv4.tcp_slow_start_after_idle",
      "net.ipv4.tcp_notsent_lowat");

  private static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
  private static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> all = new java.util.HashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  static PodSecurityViolation violation(String id, String reason, String detail, List<String> paths) {
    return new PodSecurityViolation(id, PodSecurityLevel.BASELINE, reason, detail, paths);
  }

  static PodSecurityViolation hostNamespaces(PodView pod) {
    PodSpec spec = pod.spec();
    List<String> set = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      set.add("hostNetwork=true");
      paths.add("spec.hostNetwork");
    }
    if (Boolean.TRUE.equals(spec.getHostPID())) {
      set.add("hostPID=true");
      paths.add("spec.hostPID");
    }
    if (Boolean.TRUE.equals(spec.getHostIPC())) {
      set.add("hostIPC=true");
      paths.add("spec.hostIPC");
    }
    return set.isEmpty() ? null : violation("hostNamespaces", "host namespaces", String.join(", ", set), paths);
  }

  static PodSecurityViolation privileged(PodView pod) {
    List<String> bad = null;
    List<String> paths = null;
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
        if (bad == null) {
          bad = new ArrayList<>();
          paths = new ArrayList<>();
        }
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.privileged");
      }
    }
    return bad == null ? null : violation("privileged", "privileged",
        containers(bad) + " must not set securityContext.privileged=true", paths);
  }

  static PodSecurityViolation capabilitiesBaseline(PodView pod) {
    if (!pod.anySecurityContext(sc -> sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
        && !sc.getCapabilities().getAdd().isEmpty())) {
      return null;
    }
    List<String> bad = null;
    List<String> paths = null;
    Set<String> forbidden = new TreeSet<>();
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      Capabilities caps = sc == null ? null : sc.getCapabilities();
      if (caps == null || caps.getAdd() == null) {
        continue;
      }
      boolean valid = true;
      for (String c : caps.getAdd()) {
        if (!CAPABILITIES_ALLOWED_1_0.contains(c)) {
          valid = false;
          forbidden.add(c);
        }
      }
      if (!valid) {
        if (bad == null) {
          bad = new ArrayList<>();
          paths = new ArrayList<>();
        }
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.capabilities.add");
      }
    }
    return bad == null ? null : violation("capabilities_baseline", "non-default capabilities",
        containers(bad) + " must not include " + joinQuote(forbidden) + " in securityContext.capabilities.add", paths);
  }

  static PodSecurityViolation hostPathVolumes(PodView pod) {
    List<String> bad = null;
    List<String> paths = null;
    if (pod.spec().getVolumes() != null) {
      for (Volume v : pod.spec().getVolumes()) {
        if (v.getHostPath() != null) {
          if (bad == null) {
            bad = new ArrayList<>();
            paths = new ArrayList<>();
          }
          bad.add(v.getName());
          paths.add("spec.volumes[" + v.getName() + "].hostPath");
        }
      }
    }
    return bad == null ? null : violation("hostPathVolumes", "hostPath volumes",
        pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad), paths);
  }

  static PodSecurityViolation hostPorts(PodView pod) {
    boolean any = false;
    for (PodView.Entry e : pod.containers()) {
      if (e.container().getPorts() != null) {
        for (ContainerPort p : e.container().getPorts()) {
          any |= p.getHostPort() != null && p.getHostPort() != 0;
        }
      }
    }
    if (!any) {
      return null;
    }
    List<String> bad = null;
    List<String> paths = null;
    Set<String> ports = new TreeSet<>();
    for (PodView.Entry e : pod.containers()) {
      List<ContainerPort> declared = e.container().getPorts();
      if (declared == null) {
        continue;
      }
      boolean valid = true;
      for (ContainerPort p : declared) {
        if (p.getHostPort() != null && p.getHostPort() != 0) {
          valid = false;
          // Upstream collects the ports as strings, so they sort as strings.
          ports.add(Integer.toString(p.getHostPort()));
          if (paths == null) {
            paths = new ArrayList<>();
          }
          paths.add(e.path() + ".ports[" + p.getContainerPort() + "].hostPort");
        }
      }
      if (!valid) {
        if (bad == null) {
          bad = new ArrayList<>();
        }
        bad.add(e.name());
      }
    }
    return bad == null ? null : violation("hostPorts", "hostPort", containers(bad) + " "
        + pluralize("uses", "use", bad.size()) + " " + pluralize("hostPort", "hostPorts", ports.size()) + " "
        + String.join(", ", ports), paths);
  }

  private static boolean allowedAppArmorType(String type) {
    return "RuntimeDefault".equals(type) || "Localhost".equals(type);
  }

  private static boolean allowedAppArmorAnnotation(String value) {
    return value == null || value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
  }

  static PodSecurityViolation appArmorProfile(PodView pod) {
    if ((pod.podSecurity() == null || pod.podSecurity().getAppArmorProfile() == null) && pod.annotations().isEmpty()
        && !pod.anySecurityContext(sc -> sc.getAppArmorProfile() != null)) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    Set<String> badValues = new TreeSet<>();
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getAppArmorProfile() != null && !allowedAppArmorType(psc.getAppArmorProfile().getType())) {
      setters.add("pod");
      paths.add("spec.securityContext.appArmorProfile.type");
      badValues.add(Words.orEmpty(psc.getAppArmorProfile().getType()));
    }
    List<String> bad = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getAppArmorProfile() != null && !allowedAppArmorType(sc.getAppArmorProfile().getType())) {
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.appArmorProfile.type");
        badValues.add(Words.orEmpty(sc.getAppArmorProfile().getType()));
      }
    }
    if (!bad.isEmpty()) {
      setters.add(containers(bad));
    }
    List<String> annotations = new ArrayList<>(0);
    for (Map.Entry<String, String> a : pod.annotations().entrySet()) {
      if (a.getKey().startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(a.getValue())) {
        annotations.add(a.getKey() + "=" + goQuote(a.getValue()));
        paths.add("metadata.annotations[" + a.getKey() + "]");
      }
    }
    List<String> values = new ArrayList<>(badValues);
    if (!annotations.isEmpty()) {
      annotations.sort(null);
      values.addAll(annotations);
      setters.add(pluralize("annotation", "annotations", annotations.size()));
    }
    if (setters.isEmpty()) {
      return null;
    }
    return violation("appArmorProfile",
        pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", values.size()),
        String.join(" and ", setters) + " must not set AppArmor profile type to " + joinQuote(values), paths);
  }

  static PodSecurityViolation seLinuxOptions(PodView pod, Set<String> allowedTypes) {
    if ((pod.podSecurity() == null || pod.podSecurity().getSeLinuxOptions() == null)
        && !pod.anySecurityContext(sc -> sc.getSeLinuxOptions() != null)) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    Set<String> badTypes = new TreeSet<>();
    boolean[] userRole = new boolean[2];
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getSeLinuxOptions() != null
        && !validSeLinux(psc.getSeLinuxOptions(), allowedTypes, badTypes, userRole)) {
      setters.add("pod");
      paths.add("spec.securityContext.seLinuxOptions");
    }
    List<String> bad = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getSeLinuxOptions() != null
          && !validSeLinux(sc.getSeLinuxOptions(), allowedTypes, badTypes, userRole)) {
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.seLinuxOptions");
      }
    }
    if (!bad.isEmpty()) {
      setters.add(containers(bad));
    }
    if (setters.isEmpty()) {
      return null;
    }
    List<String> data = new ArrayList<>(3);
    if (!badTypes.isEmpty()) {
      data.add(pluralize("type", "types", badTypes.size()) + " " + joinQuote(badTypes));
    }
    if (userRole[0]) {
      data.add("user may not be set");
    }
    if (userRole[1]) {
      data.add("role may not be set");
    }
    return violation("seLinuxOptions", "seLinuxOptions", String.join(" and ", setters)
        + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", data), paths);
  }

  private static boolean validSeLinux(SELinuxOptions o, Set<String> allowedTypes, Set<String> badTypes,
      boolean[] userRole) {
    boolean valid = true;
    String type = o.getType() == null ? "" : o.getType();
    if (!allowedTypes.contains(type)) {
      valid = false;
      badTypes.add(type);
    }
    if (o.getUser() != null && !o.getUser().isEmpty()) {
      valid = false;
      userRole[0] = true;
    }
    if (o.getRole() != null && !o.getRole().isEmpty()) {
      valid = false;
      userRole[1] = true;
    }
    return valid;
  }

  /** procMount 1.0; also what {@code procMount_restricted} applies under its own ID. */
  static PodSecurityViolation procMount(PodView pod, String checkId, PodSecurityLevel level) {
    if (!pod.anySecurityContext(sc -> sc.getProcMount() != null && !"Default".equals(sc.getProcMount()))) {
      return null;
    }
    List<String> bad = null;
    List<String> paths = null;
    Set<String> types = new TreeSet<>();
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
        if (bad == null) {
          bad = new ArrayList<>();
          paths = new ArrayList<>();
        }
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.procMount");
        types.add(sc.getProcMount());
      }
    }
    return bad == null ? null : new PodSecurityViolation(checkId, level, "procMount",
        containers(bad) + " must not set securityContext.procMount to " + joinQuote(types), paths);
  }

  /** Baseline procMount from policy 1.35: user-namespace pods ({@code hostUsers: false}) may use any type. */
  static PodSecurityViolation procMount135(PodView pod) {
    return pod.userNamespace() ? null : procMount(pod, "procMount", PodSecurityLevel.BASELINE);
  }

  private static boolean validSeccompAnnotation(String v) {
    return "runtime/default".equals(v) || "docker/default".equals(v) || (v != null && v.startsWith("localhost/"));
  }

  /** Seccomp before policy 1.19: the alpha annotations. */
  static PodSecurityViolation seccompBaselineAnnotations(PodView pod) {
    Set<String> forbidden = new TreeSet<>();
    List<String> paths = new ArrayList<>(0);
    Map<String, String> annotations = pod.annotations();
    if (annotations.containsKey(SECCOMP_POD_ANNOTATION)
        && !validSeccompAnnotation(annotations.get(SECCOMP_POD_ANNOTATION))) {
      forbidden.add(SECCOMP_POD_ANNOTATION + "=" + goQuote(annotations.get(SECCOMP_POD_ANNOTATION)));
      paths.add("metadata.annotations[" + SECCOMP_POD_ANNOTATION + "]");
    }
    for (PodView.Entry e : pod.containers()) {
      String key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + e.name();
      if (annotations.containsKey(key) && !validSeccompAnnotation(annotations.get(key))) {
        forbidden.add(key + "=" + goQuote(annotations.get(key)));
        paths.add("metadata.annotations[" + key + "]");
      }
    }
    return forbidden.isEmpty() ? null : violation("seccompProfile_baseline", "seccompProfile", "forbidden "
        + pluralize("annotation", "annotations", forbidden.size()) + " " + String.join(", ", forbidden), paths);
  }

  static boolean validSeccomp(String type) {
    return "RuntimeDefault".equals(type) || "Localhost".equals(type);
  }

  /** Seccomp from policy 1.19: if set, the type must be RuntimeDefault or Localhost. */
  static PodSecurityViolation seccompBaseline(PodView pod) {
    PodSecurityContext podContext = pod.podSecurity();
    if ((podContext == null || podContext.getSeccompProfile() == null
        || validSeccomp(podContext.getSeccompProfile().getType()))
        && !pod.anySecurityContext(sc -> sc.getSeccompProfile() != null && !validSeccomp(sc.getSeccompProfile().getType()))) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    Set<String> badValues = new TreeSet<>();
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getSeccompProfile() != null && !validSeccomp(psc.getSeccompProfile().getType())) {
      setters.add("pod");
      paths.add("spec.securityContext.seccompProfile.type");
      badValues.add(Words.orEmpty(psc.getSeccompProfile().getType()));
    }
    List<String> bad = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getSeccompProfile() != null && !validSeccomp(sc.getSeccompProfile().getType())) {
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.seccompProfile.type");
        badValues.add(Words.orEmpty(sc.getSeccompProfile().getType()));
      }
    }
    if (!bad.isEmpty()) {
      setters.add(containers(bad));
    }
    return setters.isEmpty() ? null : violation("seccompProfile_baseline", "seccompProfile",
        String.join(" and ", setters) + " must not set securityContext.seccompProfile.type to "
            + joinQuote(badValues), paths);
  }

  static PodSecurityViolation sysctls(PodView pod, Set<String> allowed) {
    PodSecurityContext psc = pod.podSecurity();
    if (psc == null || psc.getSysctls() == null) {
      return null;
    }
    List<String> forbidden = null;
    List<String> paths = null;
    for (Sysctl s : psc.getSysctls()) {
      if (!allowed.contains(s.getName())) {
        if (forbidden == null) {
          forbidden = new ArrayList<>();
          paths = new ArrayList<>();
        }
        forbidden.add(s.getName());
        paths.add("spec.securityContext.sysctls[" + s.getName() + "]");
      }
    }
    return forbidden == null ? null
        : violation("sysctls", "forbidden sysctls", String.join(", ", forbidden), paths);
  }

  static PodSecurityViolation windowsHostProcess(PodView pod) {
    if ((pod.podSecurity() == null || pod.podSecurity().getWindowsOptions() == null)
        && !pod.anySecurityContext(sc -> sc.getWindowsOptions() != null)) {
      return null;
    }
    List<String> bad = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getWindowsOptions() != null && Boolean.TRUE.equals(sc.getWindowsOptions().getHostProcess())) {
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.windowsOptions.hostProcess");
      }
    }
    List<String> setters = new ArrayList<>(0);
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getWindowsOptions() != null && Boolean.TRUE.equals(psc.getWindowsOptions().getHostProcess())) {
      setters.add("pod");
      paths.add(0, "spec.securityContext.windowsOptions.hostProcess");
    }
    if (!bad.isEmpty()) {
      setters.add(containers(bad));
    }
    return setters.isEmpty() ? null : violation("windowsHostProcess", "hostProcess",
        String.join(" and ", setters) + " must not set securityContext.windowsOptions.hostProcess=true", paths);
  }

  static PodSecurityViolation hostProbesAndHostLifecycle(PodView pod) {
    boolean anyHost = false;
    for (PodView.Entry e : pod.containers()) {
      Container c = e.container();
      anyHost |= probeHost(c.getLivenessProbe()) || probeHost(c.getReadinessProbe()) || probeHost(c.getStartupProbe())
          || (c.getLifecycle() != null && (handlerHost(c.getLifecycle().getPostStart())
              || handlerHost(c.getLifecycle().getPreStop())));
    }
    if (!anyHost) {
      return null;
    }
    Set<String> bad = new TreeSet<>();
    Set<String> hosts = new TreeSet<>();
    List<String> paths = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      Container c = e.container();
      probeHosts(c.getLivenessProbe(), e, "livenessProbe", bad, hosts, paths);
      probeHosts(c.getReadinessProbe(), e, "readinessProbe", bad, hosts, paths);
      probeHosts(c.getStartupProbe(), e, "startupProbe", bad, hosts, paths);
      if (c.getLifecycle() != null) {
        handlerHosts(c.getLifecycle().getPostStart(), e, "lifecycle.postStart", bad, hosts, paths);
        handlerHosts(c.getLifecycle().getPreStop(), e, "lifecycle.preStop", bad, hosts, paths);
      }
    }
    return bad.isEmpty() ? null : violation("hostProbesAndHostLifecycle", "probe or lifecycle host",
        containers(bad) + " " + pluralize("uses", "use", bad.size()) + " "
            + pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.size()) + " " + joinQuote(hosts),
        paths);
  }

  private static boolean set(String host) {
    return host != null && !host.isEmpty();
  }

  private static boolean probeHost(Probe p) {
    return p != null && ((p.getHttpGet() != null && set(p.getHttpGet().getHost()))
        || (p.getTcpSocket() != null && set(p.getTcpSocket().getHost())));
  }

  private static boolean handlerHost(LifecycleHandler h) {
    return h != null && ((h.getHttpGet() != null && set(h.getHttpGet().getHost()))
        || (h.getTcpSocket() != null && set(h.getTcpSocket().getHost())));
  }

  private static void probeHosts(Probe probe, PodView.Entry e, String field, Set<String> bad, Set<String> hosts,
      List<String> paths) {
    if (probe == null) {
      return;
    }
    host(probe.getHttpGet() == null ? null : probe.getHttpGet().getHost(), e, field + ".httpGet.host", bad, hosts,
        paths);
    host(probe.getTcpSocket() == null ? null : probe.getTcpSocket().getHost(), e, field + ".tcpSocket.host", bad,
        hosts, paths);
  }

  private static void handlerHosts(LifecycleHandler handler, PodView.Entry e, String field, Set<String> bad,
      Set<String> hosts, List<String> paths) {
    if (handler == null) {
      return;
    }
    host(handler.getHttpGet() == null ? null : handler.getHttpGet().getHost(), e, field + ".httpGet.host", bad,
        hosts, paths);
    host(handler.getTcpSocket() == null ? null : handler.getTcpSocket().getHost(), e, field + ".tcpSocket.host", bad,
        hosts, paths);
  }

  private static void host(String host, PodView.Entry e, String field, Set<String> bad, Set<String> hosts,
      List<String> paths) {
    if (host != null && !host.isEmpty()) {
      bad.add(e.name());
      hosts.add(host);
      paths.add(e.path() + "." + field);
    }
  }
}
