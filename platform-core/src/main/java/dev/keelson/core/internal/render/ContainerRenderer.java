package dev.keelson.core.internal.render;

import dev.keelson.core.defaults.Default;
import dev.keelson.core.defaults.SizeClass;
import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.SecurityOverrides;
import dev.keelson.core.spec.VolumeMountSpec;
import dev.keelson.core.validation.ImageReference;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders one {@link ContainerSpec} to a fabric8 {@link Container}, applying the container-level defaults. */
final class ContainerRenderer {

  /** Role of a container in its pod; decides which defaults apply. */
  enum Role { MAIN, INIT, SIDECAR }

  static final String TMP_VOLUME = "tmp";
  static final String TMP_PATH = "/tmp";

  private final RenderContext ctx;
  private final boolean longRunning;

  ContainerRenderer(RenderContext ctx, boolean longRunning) {
    this.ctx = ctx;
    this.longRunning = longRunning;
  }

  // Composite parts are set on the model objects directly: fabric8 builders deep-copy every object passed to a
  // with*() method, which made rendering several times slower than building the objects by hand.
  Container render(ContainerSpec c, Role role, Checks at) {
    Container out = new Container();
    out.setName(c.name());
    out.setImage(c.image());
    image(c, at);
    if (!c.command().isEmpty()) {
      out.setCommand(new ArrayList<>(c.command()));
    }
    if (!c.args().isEmpty()) {
      out.setArgs(new ArrayList<>(c.args()));
    }
    c.workingDir().ifPresent(out::setWorkingDir);
    if (role == Role.SIDECAR) {
      out.setRestartPolicy("Always");
    }
    out.setPorts(ports(c.ports()));
    out.setEnv(env(c.env()));
    out.setEnvFrom(envFrom(c));
    out.setResources(resources(c, at));
    probes(out, c, role, at);
    out.setVolumeMounts(mounts(c));
    out.setSecurityContext(security(c.security().orElse(null)));
    if (role != Role.INIT) {
      preStop(out, c);
    }
    return out;
  }

  private void image(ContainerSpec c, Checks at) {
    if (ctx.on(Default.PINNED_IMAGE_TAG) && ImageReference.parse(c.image()).isLatestOrUntagged()) {
      at.at("image").fail(Default.PINNED_IMAGE_TAG.label(), "\"" + c.image()
          + "\" must carry a tag other than latest, or a digest");
    }
  }

  private static List<ContainerPort> ports(List<Port> ports) {
    List<ContainerPort> out = new ArrayList<>(ports.size());
    for (Port p : ports) {
      out.add(new ContainerPortBuilder().withName(p.name()).withContainerPort(p.number())
          .withProtocol(p.protocol().name()).build());
    }
    return out;
  }

  private List<EnvVar> env(List<EnvVarSpec> env) {
    List<EnvVar> out = new ArrayList<>(env.size());
    for (EnvVarSpec e : env) {
      EnvVarBuilder b = new EnvVarBuilder().withName(e.name());
      switch (e.source()) {
        case LITERAL -> b.withValue(e.value().orElseThrow());
        case CONFIG_MAP_KEY -> b.withNewValueFrom().withNewConfigMapKeyRef(e.key().orElseThrow(),
            ctx.configMapName(e.objectName().orElseThrow()), null).endValueFrom();
        case SECRET_KEY -> b.withNewValueFrom().withNewSecretKeyRef(e.key().orElseThrow(),
            ctx.secretName(e.objectName().orElseThrow()), null).endValueFrom();
        case FIELD -> b.withNewValueFrom().withNewFieldRef(null, e.reference().orElseThrow()).endValueFrom();
        case RESOURCE -> b.withNewValueFrom().withNewResourceFieldRef().withResource(e.reference().orElseThrow())
            .endResourceFieldRef().endValueFrom();
        default -> throw new IllegalStateException(e.source().toString());
      }
      out.add(b.build());
    }
    return out;
  }

  private List<EnvFromSource> envFrom(ContainerSpec c) {
    List<EnvFromSource> out = new ArrayList<>();
    for (String name : c.envFromConfigMaps()) {
      out.add(new EnvFromSourceBuilder().withNewConfigMapRef(ctx.configMapName(name), null).build());
    }
    for (String name : c.envFromSecrets()) {
      out.add(new EnvFromSourceBuilder().withNewSecretRef(ctx.secretName(name), null).build());
    }
    return out;
  }

  private ResourceRequirements resources(ContainerSpec c, Checks at) {
    Optional<Resources> given = c.resources();
    if (given.isEmpty()) {
      Optional<String> size = c.sizeClass().or(() -> ctx.defaults().defaultSizeClass());
      if (size.isPresent()) {
        Optional<SizeClass> sizeClass = ctx.defaults().sizeClass(size.get());
        if (sizeClass.isEmpty()) {
          at.at("sizeClass").fail("known-size-class", "\"" + size.get() + "\" is not a size class of profile "
              + ctx.defaults().name() + "; known: " + ctx.defaults().sizeClasses().keySet());
        } else {
          given = Optional.of(sizeClass.get().resources());
          ctx.applied(Default.RESOURCE_REQUESTS);
        }
      }
    }
    Resources r = given.orElse(Resources.builder().build());
    if (ctx.on(Default.RESOURCE_REQUESTS) && (r.cpuRequest().isEmpty() || r.memoryRequest().isEmpty())) {
      at.at("resources").fail(Default.RESOURCE_REQUESTS.label(),
          "cpu and memory requests are required: give resources, a size class, or a default size class");
    }
    Map<String, Quantity> requests = new TreeMap<>();
    Map<String, Quantity> limits = new TreeMap<>();
    r.cpuRequest().ifPresent(q -> requests.put("cpu", new Quantity(q)));
    r.memoryRequest().ifPresent(q -> requests.put("memory", new Quantity(q)));
    r.ephemeralStorageRequest().ifPresent(q -> requests.put("ephemeral-storage", new Quantity(q)));
    r.cpuLimit().ifPresent(q -> limits.put("cpu", new Quantity(q)));
    r.memoryLimit().ifPresent(q -> limits.put("memory", new Quantity(q)));
    r.ephemeralStorageLimit().ifPresent(q -> limits.put("ephemeral-storage", new Quantity(q)));
    if (ctx.on(Default.MEMORY_LIMIT_EQUALS_REQUEST) && r.memoryLimit().isEmpty() && r.memoryRequest().isPresent()) {
      limits.put("memory", new Quantity(r.memoryRequest().get()));
      ctx.applied(Default.MEMORY_LIMIT_EQUALS_REQUEST);
    }
    if (ctx.on(Default.CPU_LIMIT_EQUALS_REQUEST) && r.cpuLimit().isEmpty() && r.cpuRequest().isPresent()) {
      limits.put("cpu", new Quantity(r.cpuRequest().get()));
      ctx.applied(Default.CPU_LIMIT_EQUALS_REQUEST);
    }
    ResourceRequirements out = new ResourceRequirements();
    out.setRequests(requests);
    out.setLimits(limits);
    return out;
  }

  private void probes(Container b, ContainerSpec c, Role role, Checks at) {
    if (role == Role.MAIN && longRunning && c.readiness().isEmpty() && ctx.on(Default.READINESS_PROBE_REQUIRED)) {
      at.at("readiness").fail(Default.READINESS_PROBE_REQUIRED.label(),
          "a long-running container needs a readiness probe");
    }
    c.readiness().ifPresent(p -> b.setReadinessProbe(probe(p, c)));
    c.liveness().ifPresent(p -> b.setLivenessProbe(probe(p, c)));
    if (c.startup().isPresent()) {
      b.setStartupProbe(probe(c.startup().get(), c));
    } else if (c.slowStart().isPresent() && ctx.on(Default.STARTUP_PROBE_FOR_SLOW_STARTERS)) {
      Optional<ProbeSpec> base = c.readiness().or(c::liveness);
      if (base.isPresent()) {
        ProbeSpec p = base.get();
        long period = p.periodSeconds();
        int failures = (int) Math.max(1, (c.slowStart().get().toSeconds() + period - 1) / period);
        ProbeSpec startup = dev.keelson.core.spec.ImmutableProbeSpec.copyOf(p)
            .withSuccessThreshold(1).withInitialDelaySeconds(0).withFailureThreshold(failures);
        b.setStartupProbe(probe(startup, c));
        ctx.applied(Default.STARTUP_PROBE_FOR_SLOW_STARTERS);
      } else {
        at.at("slowStart").fail(Default.STARTUP_PROBE_FOR_SLOW_STARTERS.label(),
            "a slow starter needs a readiness or liveness probe to derive its startup probe from");
      }
    }
  }

  private static Probe probe(ProbeSpec p, ContainerSpec c) {
    ProbeBuilder b = new ProbeBuilder()
        .withInitialDelaySeconds(p.initialDelaySeconds())
        .withPeriodSeconds(p.periodSeconds())
        .withTimeoutSeconds(p.timeoutSeconds())
        .withSuccessThreshold(p.successThreshold())
        .withFailureThreshold(p.failureThreshold());
    IntOrString port = p.port().map(IntOrString::new).orElseGet(() -> new IntOrString(p.portName().orElse(null)));
    switch (p.kind()) {
      case HTTP -> b.withNewHttpGet().withPath(p.path().orElseThrow()).withPort(port).withScheme(p.scheme())
          .endHttpGet();
      case TCP -> b.withNewTcpSocket().withPort(port).endTcpSocket();
      case EXEC -> b.withNewExec().withCommand(p.command()).endExec();
      case GRPC -> b.withNewGrpc().withPort(p.port().orElseThrow()).withService(p.grpcService().orElse(null))
          .endGrpc();
      default -> throw new IllegalStateException(p.kind().toString());
    }
    return b.build();
  }

  private List<VolumeMount> mounts(ContainerSpec c) {
    List<VolumeMount> out = new ArrayList<>();
    boolean hasTmp = false;
    for (VolumeMountSpec m : c.volumeMounts()) {
      VolumeMountBuilder b = new VolumeMountBuilder().withName(m.volume()).withMountPath(m.mountPath());
      m.subPath().ifPresent(b::withSubPath);
      if (m.readOnly()) {
        b.withReadOnly(true);
      }
      out.add(b.build());
      hasTmp |= m.mountPath().equals(TMP_PATH);
    }
    if (readOnlyRoot(c.security().orElse(null)) && !hasTmp) {
      out.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(TMP_PATH).build());
    }
    return out;
  }

  /** Whether this container gets a read-only root filesystem (and so needs the writable {@code /tmp}). */
  boolean readOnlyRoot(SecurityOverrides o) {
    boolean byDefault = ctx.on(Default.READ_ONLY_ROOT_FILESYSTEM);
    return o == null ? byDefault : o.readOnlyRootFilesystem().orElse(byDefault);
  }

  private SecurityContext security(SecurityOverrides o) {
    SecurityContextBuilder b = new SecurityContextBuilder();
    boolean any = false;
    Optional<Boolean> escalation = o == null ? Optional.empty() : o.allowPrivilegeEscalation();
    if (escalation.isPresent()) {
      b.withAllowPrivilegeEscalation(escalation.get());
      any = true;
    } else if (ctx.on(Default.NO_PRIVILEGE_ESCALATION)) {
      b.withAllowPrivilegeEscalation(false);
      ctx.applied(Default.NO_PRIVILEGE_ESCALATION);
      any = true;
    }
    List<String> add = o == null ? List.of() : o.addCapabilities();
    if (ctx.on(Default.DROP_ALL_CAPABILITIES) || !add.isEmpty()) {
      Capabilities caps = new Capabilities();
      caps.setAdd(new ArrayList<>(add));
      if (ctx.on(Default.DROP_ALL_CAPABILITIES)) {
        caps.setDrop(new ArrayList<>(List.of("ALL")));
        ctx.applied(Default.DROP_ALL_CAPABILITIES);
      }
      b.withCapabilities(caps);
      any = true;
    }
    if (o != null && o.readOnlyRootFilesystem().isPresent()) {
      b.withReadOnlyRootFilesystem(o.readOnlyRootFilesystem().get());
      any = true;
    } else if (ctx.on(Default.READ_ONLY_ROOT_FILESYSTEM)) {
      b.withReadOnlyRootFilesystem(true);
      ctx.applied(Default.READ_ONLY_ROOT_FILESYSTEM);
      any = true;
    }
    if (o != null) {
      any |= o.runAsUser().map(uid -> b.withRunAsUser(uid)).isPresent();
      any |= o.runAsGroup().map(gid -> b.withRunAsGroup(gid)).isPresent();
      any |= o.runAsNonRoot().map(nonRoot -> b.withRunAsNonRoot(nonRoot)).isPresent();
    }
    return any ? b.build() : null;
  }

  private void preStop(Container b, ContainerSpec c) {
    if (!c.preStop().isEmpty()) {
      b.setLifecycle(new LifecycleBuilder().withNewPreStop().withNewExec().withCommand(c.preStop()).endExec()
          .endPreStop().build());
    } else if (longRunning && ctx.on(Default.GRACEFUL_SHUTDOWN)) {
      b.setLifecycle(new LifecycleBuilder().withNewPreStop().withNewSleep(ctx.defaults().preStopSleepSeconds())
          .endPreStop().build());
      ctx.applied(Default.GRACEFUL_SHUTDOWN);
    }
  }
}
