package dev.keelson.core.internal.render;

import dev.keelson.core.defaults.Default;
import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.ProjectionSpec;
import dev.keelson.core.spec.Scheduling;
import dev.keelson.core.spec.TolerationSpec;
import dev.keelson.core.spec.VolumeSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a workload's pod template, applying the pod-level defaults. */
final class PodRenderer {

  static final String ZONE = "topology.kubernetes.io/zone";
  static final String HOSTNAME = "kubernetes.io/hostname";

  private final RenderContext ctx;

  PodRenderer(RenderContext ctx) {
    this.ctx = ctx;
  }

  PodTemplateSpec render(WorkloadSpec w, String serviceAccount, String restartPolicy, Checks at) {
    ContainerRenderer containers = new ContainerRenderer(ctx, w.longRunning());
    List<Container> init = new ArrayList<>();
    // Native sidecars first, so they run before init containers that may need them (e.g. a proxy).
    for (ContainerSpec c : w.sidecars()) {
      init.add(containers.render(c, ContainerRenderer.Role.SIDECAR, at.item("sidecars", c.name())));
    }
    for (ContainerSpec c : w.initContainers()) {
      init.add(containers.render(c, ContainerRenderer.Role.INIT, at.item("initContainers", c.name())));
    }
    List<Container> main = new ArrayList<>();
    for (ContainerSpec c : w.containers()) {
      main.add(containers.render(c, ContainerRenderer.Role.MAIN, at.item("containers", c.name())));
    }
    boolean needsTmp = false;
    for (List<ContainerSpec> group : List.of(w.sidecars(), w.initContainers(), w.containers())) {
      for (ContainerSpec c : group) {
        needsTmp |= containers.readOnlyRoot(c.security().orElse(null))
            && c.volumeMounts().stream().noneMatch(m -> m.mountPath().equals(ContainerRenderer.TMP_PATH));
      }
    }

    PodSpec spec = new PodSpec();
    spec.setInitContainers(init);
    spec.setContainers(main);
    spec.setVolumes(volumes(w.volumes(), needsTmp));
    List<LocalObjectReference> pullSecrets = new ArrayList<>();
    w.imagePullSecrets().forEach(n -> pullSecrets.add(new LocalObjectReference(n)));
    spec.setImagePullSecrets(pullSecrets);
    spec.setRestartPolicy(restartPolicy);
    spec.setServiceAccountName(serviceAccount != null ? serviceAccount : w.serviceAccountName().orElse(null));
    if (w.apiAccess()) {
      spec.setAutomountServiceAccountToken(true);
    } else if (ctx.on(Default.NO_SERVICE_ACCOUNT_TOKEN)) {
      spec.setAutomountServiceAccountToken(false);
      ctx.applied(Default.NO_SERVICE_ACCOUNT_TOKEN);
    }
    spec.setSecurityContext(podSecurity());
    if (w.terminationGracePeriodSeconds().isPresent()) {
      spec.setTerminationGracePeriodSeconds(w.terminationGracePeriodSeconds().get());
    } else if (w.longRunning() && ctx.on(Default.GRACEFUL_SHUTDOWN)) {
      spec.setTerminationGracePeriodSeconds(ctx.defaults().terminationGracePeriodSeconds());
      ctx.applied(Default.GRACEFUL_SHUTDOWN);
    }
    scheduling(spec, w);

    Map<String, String> labels = AppLabels.versioned(w, ctx);
    labels.putAll(new TreeMap<>(w.podLabels()));
    labels.putAll(AppLabels.selector(w));
    ObjectMeta meta = new ObjectMeta();
    meta.setLabels(labels);
    meta.setAnnotations(new TreeMap<>(w.podAnnotations()));
    return new PodTemplateSpec(meta, spec);
  }

  private PodSecurityContext podSecurity() {
    boolean nonRoot = ctx.on(Default.RUN_AS_NON_ROOT);
    boolean seccomp = ctx.on(Default.SECCOMP_RUNTIME_DEFAULT);
    if (!nonRoot && !seccomp) {
      return null;
    }
    PodSecurityContext sc = new PodSecurityContext();
    if (nonRoot) {
      sc.setRunAsNonRoot(true);
      ctx.applied(Default.RUN_AS_NON_ROOT);
    }
    if (seccomp) {
      sc.setSeccompProfile(new SeccompProfile(null, "RuntimeDefault"));
      ctx.applied(Default.SECCOMP_RUNTIME_DEFAULT);
    }
    return sc;
  }

  private List<Volume> volumes(List<VolumeSpec> volumes, boolean needsTmp) {
    List<Volume> out = new ArrayList<>();
    for (VolumeSpec v : volumes) {
      VolumeBuilder b = new VolumeBuilder().withName(v.name());
      switch (v.kind()) {
        case CONFIG_MAP -> b.withNewConfigMap().withName(ctx.configMapName(v.source().orElseThrow())).endConfigMap();
        case SECRET -> b.withNewSecret().withSecretName(ctx.secretName(v.source().orElseThrow())).endSecret();
        case EMPTY_DIR -> b.withNewEmptyDir()
            .withMedium(v.inMemory() ? "Memory" : null)
            .withSizeLimit(v.sizeLimit().map(Quantity::new).orElse(null))
            .endEmptyDir();
        case PERSISTENT_VOLUME_CLAIM -> b.withNewPersistentVolumeClaim(v.source().orElseThrow(),
            v.readOnly() ? Boolean.TRUE : null);
        case PROJECTED -> b.withNewProjected().withSources(projections(v.projections())).endProjected();
        default -> throw new IllegalStateException(v.kind().toString());
      }
      out.add(b.build());
    }
    if (needsTmp) {
      out.add(new VolumeBuilder().withName(ContainerRenderer.TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
      ctx.applied(Default.READ_ONLY_ROOT_FILESYSTEM);
    }
    return out;
  }

  private List<VolumeProjection> projections(List<ProjectionSpec> projections) {
    List<VolumeProjection> out = new ArrayList<>();
    for (ProjectionSpec p : projections) {
      VolumeProjectionBuilder b = new VolumeProjectionBuilder();
      switch (p.kind()) {
        case CONFIG_MAP -> b.withNewConfigMap().withName(ctx.configMapName(p.objectName().orElseThrow()))
            .endConfigMap();
        case SECRET -> b.withNewSecret().withName(ctx.secretName(p.objectName().orElseThrow())).endSecret();
        case SERVICE_ACCOUNT_TOKEN -> b.withNewServiceAccountToken().withAudience(p.audience().orElse(null))
            .withExpirationSeconds(p.expirationSeconds().orElse(null)).withPath(p.path().orElseThrow())
            .endServiceAccountToken();
        default -> throw new IllegalStateException(p.kind().toString());
      }
      out.add(b.build());
    }
    return out;
  }

  private void scheduling(PodSpec spec, WorkloadSpec w) {
    Scheduling s = w.scheduling();
    if (!s.nodeSelector().isEmpty()) {
      spec.setNodeSelector(new TreeMap<>(s.nodeSelector()));
    }
    spec.setTolerations(tolerations(s.tolerations()));
    s.priorityClass().ifPresent(spec::setPriorityClassName);
    spec.setTopologySpreadConstraints(spread(w, s.spread()));
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(AppLabels.selector(w)).build();
    switch (s.antiAffinity()) {
      case PREFERRED -> spec.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
          .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100)
          .withNewPodAffinityTerm().withLabelSelector(selector).withTopologyKey(HOSTNAME).endPodAffinityTerm()
          .endPreferredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity().build());
      case REQUIRED -> spec.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
          .addNewRequiredDuringSchedulingIgnoredDuringExecution().withLabelSelector(selector)
          .withTopologyKey(HOSTNAME).endRequiredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity().build());
      case NONE -> {
      }
      default -> throw new IllegalStateException(s.antiAffinity().toString());
    }
  }

  private static List<Toleration> tolerations(List<TolerationSpec> tolerations) {
    List<Toleration> out = new ArrayList<>();
    for (TolerationSpec t : tolerations) {
      out.add(new TolerationBuilder().withKey(t.key().orElse(null)).withOperator(t.operator())
          .withValue(t.value().orElse(null)).withEffect(t.effect().orElse(null))
          .withTolerationSeconds(t.tolerationSeconds().orElse(null)).build());
    }
    return out;
  }

  private List<TopologySpreadConstraint> spread(WorkloadSpec w, Scheduling.Spread requested) {
    Scheduling.Spread spread = requested;
    boolean replicated = w instanceof DeploymentSpec || w instanceof StatefulSetSpec;
    if (spread == Scheduling.Spread.DEFAULT) {
      if (!replicated || !ctx.on(Default.TOPOLOGY_SPREAD)) {
        return List.of();
      }
      spread = Scheduling.Spread.ZONES_AND_NODES;
      ctx.applied(Default.TOPOLOGY_SPREAD);
    }
    List<TopologySpreadConstraint> out = new ArrayList<>();
    if (spread == Scheduling.Spread.ZONES || spread == Scheduling.Spread.ZONES_AND_NODES) {
      out.add(constraint(w, ZONE));
    }
    if (spread == Scheduling.Spread.NODES || spread == Scheduling.Spread.ZONES_AND_NODES) {
      out.add(constraint(w, HOSTNAME));
    }
    return out;
  }

  private static TopologySpreadConstraint constraint(WorkloadSpec w, String topologyKey) {
    TopologySpreadConstraintBuilder b = new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(topologyKey)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector().withMatchLabels(AppLabels.selector(w)).endLabelSelector();
    if (w instanceof DeploymentSpec) {
      // Spread each revision on its own, so a rollout does not count the old pods against the new ones.
      b.withMatchLabelKeys("pod-template-hash");
    }
    return b.build();
  }
}
