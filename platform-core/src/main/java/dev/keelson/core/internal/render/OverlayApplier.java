package dev.keelson.core.internal.render;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.EnvironmentOverlay;
import dev.keelson.core.app.ImmutableAppSpec;
import dev.keelson.core.app.ImmutableAutoscalerSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.ImmutableContainerSpec;
import dev.keelson.core.workload.CronJobSpec;
import dev.keelson.core.workload.DaemonSetSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.ImmutableCronJobSpec;
import dev.keelson.core.workload.ImmutableDaemonSetSpec;
import dev.keelson.core.workload.ImmutableDeploymentSpec;
import dev.keelson.core.workload.ImmutableJobSpec;
import dev.keelson.core.workload.ImmutableStatefulSetSpec;
import dev.keelson.core.workload.JobSpec;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Applies an {@link EnvironmentOverlay} to an {@link AppSpec}, producing a new, validated app. */
public final class OverlayApplier {

  /** Label naming the environment an app was rendered for. */
  public static final String ENVIRONMENT_LABEL = "keelson.dev/environment";

  private OverlayApplier() {
  }

  public static AppSpec apply(AppSpec base, EnvironmentOverlay overlay) {
    WorkloadSpec w = base.workload();
    List<ContainerSpec> containers = new ArrayList<>();
    for (int i = 0; i < w.containers().size(); i++) {
      containers.add(container(w.containers().get(i), i == 0, overlay));
    }
    Map<String, String> labels = new TreeMap<>(w.labels());
    labels.putAll(overlay.labels());
    labels.put(ENVIRONMENT_LABEL, overlay.environment());
    Optional<String> namespace = overlay.namespace().or(w::namespace);
    WorkloadSpec workload = copy(w, containers, labels, namespace, overlay.replicas());
    ImmutableAppSpec.Builder app = ImmutableAppSpec.builder().from(base).workload(workload);
    if (base.autoscaler().isPresent()) {
      AutoscalerSpec a = base.autoscaler().get();
      app.autoscaler(ImmutableAutoscalerSpec.copyOf(a)
          .withMinReplicas(overlay.autoscalerMin().orElse(a.minReplicas()))
          .withMaxReplicas(overlay.autoscalerMax().orElse(a.maxReplicas())));
    }
    return app.build();
  }

  private static ContainerSpec container(ContainerSpec c, boolean first, EnvironmentOverlay overlay) {
    ImmutableContainerSpec out = ImmutableContainerSpec.copyOf(c);
    String image = overlay.images().get(c.name());
    if (image == null && first) {
      image = overlay.image().orElse(null);
    }
    if (image != null) {
      out = out.withImage(image);
    }
    if (overlay.resources().containsKey(c.name())) {
      out = out.withResources(overlay.resources().get(c.name()));
    }
    if (!overlay.env().isEmpty()) {
      Map<String, EnvVarSpec> env = new LinkedHashMap<>();
      c.env().forEach(e -> env.put(e.name(), e));
      overlay.env().forEach(e -> env.put(e.name(), e));
      out = out.withEnv(env.values());
    }
    return out;
  }

  private static WorkloadSpec copy(WorkloadSpec w, List<ContainerSpec> containers, Map<String, String> labels,
      Optional<String> namespace, Optional<Integer> replicas) {
    if (w instanceof DeploymentSpec d) {
      return ImmutableDeploymentSpec.builder().from(d).containers(containers).labels(labels).namespace(namespace)
          .replicas(replicas.orElse(d.replicas())).build();
    }
    if (w instanceof StatefulSetSpec s) {
      return ImmutableStatefulSetSpec.builder().from(s).containers(containers).labels(labels).namespace(namespace)
          .replicas(replicas.orElse(s.replicas())).build();
    }
    if (w instanceof DaemonSetSpec d) {
      return ImmutableDaemonSetSpec.builder().from(d).containers(containers).labels(labels).namespace(namespace)
          .build();
    }
    if (w instanceof JobSpec j) {
      return ImmutableJobSpec.builder().from(j).containers(containers).labels(labels).namespace(namespace).build();
    }
    if (w instanceof CronJobSpec c) {
      return ImmutableCronJobSpec.builder().from(c).containers(containers).labels(labels).namespace(namespace)
          .build();
    }
    throw new IllegalArgumentException("unknown workload spec " + w.getClass().getName());
  }
}
