package dev.keelson.core.internal.validate;

import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.ProjectionSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.Scheduling;
import dev.keelson.core.spec.TolerationSpec;
import dev.keelson.core.spec.VolumeMountSpec;
import dev.keelson.core.spec.VolumeSpec;
import dev.keelson.core.validation.ImageReference;
import dev.keelson.core.validation.Names;
import dev.keelson.core.validation.Quantities;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules for the pod-level parts of a workload: containers, probes, resources, env, volumes, scheduling. */
final class PodRules {

  private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private PodRules() {
  }

  static void containers(Checks at, String field, List<ContainerSpec> containers, Set<String> volumeNames,
      Set<String> seenNames) {
    for (int i = 0; i < containers.size(); i++) {
      ContainerSpec c = containers.get(i);
      Checks here = at.item(field, c.name() == null ? Integer.toString(i) : c.name());
      if (c.name() != null && !seenNames.add(c.name())) {
        here.at("name").fail("unique-container-name", "duplicate container name \"" + c.name() + "\"");
      }
      container(here, c, volumeNames);
    }
  }

  private static void container(Checks at, ContainerSpec c, Set<String> volumeNames) {
    at.at("name").dnsLabel(c.name());
    Checks image = at.at("image");
    if (image.required(c.image())) {
      image.rule("image-reference", c.image(), ImageReference.validate(c.image()));
    }
    envVars(at, c.env());
    c.envFromConfigMaps().forEach(n -> at.at("envFromConfigMaps").item("", n).dnsSubdomain(n));
    c.envFromSecrets().forEach(n -> at.at("envFromSecrets").item("", n).dnsSubdomain(n));
    Set<String> portNames = ports(at, c.ports());
    c.readiness().ifPresent(p -> probe(at.at("readiness"), p, portNames, false));
    c.liveness().ifPresent(p -> probe(at.at("liveness"), p, portNames, true));
    c.startup().ifPresent(p -> probe(at.at("startup"), p, portNames, true));
    c.slowStart().ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        at.at("slowStart").fail("positive-duration", "must be a positive duration, got " + d);
      }
    });
    c.resources().ifPresent(r -> resources(at.at("resources"), r));
    mounts(at, c.volumeMounts(), volumeNames);
    c.security().ifPresent(s -> s.runAsUser().ifPresent(uid -> at.at("security.runAsUser").atLeast(uid, 0)));
  }

  private static void envVars(Checks at, List<EnvVarSpec> env) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < env.size(); i++) {
      EnvVarSpec e = env.get(i);
      Checks here = at.item("env", e.name() == null ? Integer.toString(i) : e.name());
      if (here.at("name").required(e.name())) {
        here.at("name").rule("env-var-name", e.name(), Names.envVarName(e.name()));
        if (!names.add(e.name())) {
          here.at("name").fail("unique-env-name", "duplicate environment variable \"" + e.name() + "\"");
        }
      }
      if (!here.at("source").required(e.source())) {
        continue;
      }
      switch (e.source()) {
        case LITERAL -> here.at("value").required(e.value().orElse(null));
        case CONFIG_MAP_KEY, SECRET_KEY -> {
          e.objectName().ifPresentOrElse(n -> here.at("objectName").dnsSubdomain(n),
              () -> here.at("objectName").required(null));
          here.at("key").required(e.key().orElse(null));
        }
        case FIELD, RESOURCE -> here.at("reference").required(e.reference().orElse(null));
        default -> throw new IllegalStateException(e.source().toString());
      }
    }
  }

  private static Set<String> ports(Checks at, List<Port> ports) {
    Set<String> names = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      Port p = ports.get(i);
      Checks here = at.item("ports", p.name() == null ? Integer.toString(i) : p.name());
      if (here.at("name").required(p.name())) {
        here.at("name").rule("port-name", p.name(), Names.ianaServiceName(p.name()));
        if (!names.add(p.name())) {
          here.at("name").fail("unique-port-name", "duplicate port name \"" + p.name() + "\"");
        }
      }
      here.at("number").port(p.number());
      if (!numbers.add(p.number() + "/" + p.protocol())) {
        here.at("number").fail("unique-port", "duplicate port " + p.number() + "/" + p.protocol());
      }
    }
    return names;
  }

  private static void probe(Checks at, ProbeSpec p, Set<String> portNames, boolean singleSuccess) {
    if (!at.at("kind").required(p.kind())) {
      return;
    }
    switch (p.kind()) {
      case HTTP -> {
        Optional<String> path = p.path();
        if (path.isEmpty() || !path.get().startsWith("/")) {
          at.at("path").fail("http-path", "must be an absolute path starting with '/', got "
              + Checks.quote(path.orElse(null)));
        }
        probePort(at, p, portNames);
      }
      case TCP, GRPC -> probePort(at, p, portNames);
      case EXEC -> {
        if (p.command().isEmpty()) {
          at.at("command").fail("required", "an exec probe needs a command");
        }
      }
      default -> throw new IllegalStateException(p.kind().toString());
    }
    if (p.kind() == ProbeSpec.Kind.GRPC && p.portName().isPresent()) {
      at.at("portName").fail("grpc-port-number", "a gRPC probe needs a port number, not a name");
    }
    at.at("initialDelaySeconds").atLeast(p.initialDelaySeconds(), 0);
    at.at("periodSeconds").atLeast(p.periodSeconds(), 1);
    at.at("timeoutSeconds").atLeast(p.timeoutSeconds(), 1);
    at.at("successThreshold").atLeast(p.successThreshold(), 1);
    at.at("failureThreshold").atLeast(p.failureThreshold(), 1);
    if (singleSuccess && p.successThreshold() != 1) {
      at.at("successThreshold").fail("probe-success-threshold",
          "must be 1 for liveness and startup probes, got " + p.successThreshold());
    }
  }

  private static void probePort(Checks at, ProbeSpec p, Set<String> portNames) {
    if (p.port().isPresent() == p.portName().isPresent()) {
      at.at("port").fail("probe-port", "give exactly one of port and portName");
      return;
    }
    p.port().ifPresent(n -> at.at("port").port(n));
    p.portName().filter(n -> !portNames.contains(n)).ifPresent(n -> at.at("portName")
        .fail("known-port", "\"" + n + "\" is not a port of this container; ports: " + portNames));
  }

  static void resources(Checks at, Resources r) {
    at.at("requests.cpu").quantity(r.cpuRequest());
    at.at("requests.memory").quantity(r.memoryRequest());
    at.at("requests.ephemeral-storage").quantity(r.ephemeralStorageRequest());
    at.at("limits.cpu").quantity(r.cpuLimit());
    at.at("limits.memory").quantity(r.memoryLimit());
    at.at("limits.ephemeral-storage").quantity(r.ephemeralStorageLimit());
    requestWithinLimit(at, "cpu", r.cpuRequest(), r.cpuLimit());
    requestWithinLimit(at, "memory", r.memoryRequest(), r.memoryLimit());
    requestWithinLimit(at, "ephemeral-storage", r.ephemeralStorageRequest(), r.ephemeralStorageLimit());
  }

  private static void requestWithinLimit(Checks at, String resource, Optional<String> request,
      Optional<String> limit) {
    if (request.isPresent() && limit.isPresent() && Quantities.isValid(request.get())
        && Quantities.isValid(limit.get()) && Quantities.compare(request.get(), limit.get()) > 0) {
      at.at("requests." + resource).fail("request-within-limit",
          "must be less than or equal to " + resource + " limit of " + limit.get() + ", got " + request.get());
    }
  }

  private static void mounts(Checks at, List<VolumeMountSpec> mounts, Set<String> volumeNames) {
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMountSpec m = mounts.get(i);
      Checks here = at.item("volumeMounts", m.mountPath() == null ? Integer.toString(i) : m.mountPath());
      if (here.at("volume").required(m.volume()) && !volumeNames.contains(m.volume())) {
        here.at("volume").fail("known-volume", "\"" + m.volume() + "\" is not a volume of this pod; volumes: "
            + volumeNames);
      }
      if (here.at("mountPath").required(m.mountPath())) {
        if (!m.mountPath().startsWith("/")) {
          here.at("mountPath").fail("absolute-path", "must be an absolute path, got \"" + m.mountPath() + "\"");
        }
        if (!paths.add(m.mountPath())) {
          here.at("mountPath").fail("unique-mount-path", "must be unique, \"" + m.mountPath() + "\" is mounted twice");
        }
      }
    }
  }

  static Set<String> volumes(Checks at, List<VolumeSpec> volumes) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      VolumeSpec v = volumes.get(i);
      Checks here = at.item("volumes", v.name() == null ? Integer.toString(i) : v.name());
      here.at("name").dnsLabel(v.name());
      if (v.name() != null && !names.add(v.name())) {
        here.at("name").fail("unique-volume-name", "duplicate volume name \"" + v.name() + "\"");
      }
      if (!here.at("kind").required(v.kind())) {
        continue;
      }
      switch (v.kind()) {
        case CONFIG_MAP, SECRET -> v.source().ifPresentOrElse(s -> here.at("source").dnsSubdomain(s),
            () -> here.at("source").required(null));
        case PERSISTENT_VOLUME_CLAIM -> v.source().ifPresentOrElse(s -> here.at("source").dnsSubdomain(s),
            () -> here.at("source").required(null));
        case EMPTY_DIR -> here.at("sizeLimit").quantity(v.sizeLimit());
        case PROJECTED -> projections(here, v.projections());
        default -> throw new IllegalStateException(v.kind().toString());
      }
    }
    return names;
  }

  private static void projections(Checks at, List<ProjectionSpec> projections) {
    if (projections.isEmpty()) {
      at.at("projections").fail("required", "a projected volume needs at least one source");
    }
    for (int i = 0; i < projections.size(); i++) {
      ProjectionSpec p = projections.get(i);
      Checks here = at.item("projections", i);
      if (p.kind() == ProjectionSpec.Kind.SERVICE_ACCOUNT_TOKEN) {
        here.at("path").required(p.path().orElse(null));
        p.expirationSeconds().ifPresent(s -> here.at("expirationSeconds").atLeast(s, 600));
      } else if (p.kind() != null) {
        here.at("objectName").required(p.objectName().orElse(null));
      }
    }
  }

  static void scheduling(Checks at, Scheduling s) {
    at.at("nodeSelector").labels(s.nodeSelector());
    List<TolerationSpec> tolerations = s.tolerations();
    for (int i = 0; i < tolerations.size(); i++) {
      TolerationSpec t = tolerations.get(i);
      Checks here = at.item("tolerations", i);
      t.key().ifPresent(k -> here.at("key").rule("label-key", k, Names.qualifiedName(k)));
      if (!t.operator().equals("Equal") && !t.operator().equals("Exists")) {
        here.at("operator").fail("toleration-operator", "must be Equal or Exists, got \"" + t.operator() + "\"");
      }
      if (t.operator().equals("Exists") && t.value().filter(v -> !v.isEmpty()).isPresent()) {
        here.at("value").fail("toleration-value", "must be empty when operator is Exists");
      }
      if (t.key().isEmpty() && !t.operator().equals("Exists")) {
        here.at("operator").fail("toleration-operator", "must be Exists when key is empty");
      }
      t.effect().filter(e -> !TAINT_EFFECTS.contains(e)).ifPresent(e -> here.at("effect")
          .fail("taint-effect", "must be one of " + TAINT_EFFECTS + ", got \"" + e + "\""));
      if (t.tolerationSeconds().isPresent() && !t.effect().equals(Optional.of("NoExecute"))) {
        here.at("tolerationSeconds").fail("toleration-seconds", "only valid with effect NoExecute");
      }
    }
    s.priorityClass().ifPresent(p -> at.at("priorityClass").dnsSubdomain(p));
  }
}
