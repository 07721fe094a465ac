package dev.keelson.core.internal.render;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.SecretSpec;
import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an {@link AppSpec} (or a bare workload) to fabric8 objects in apply order: ServiceAccount, ConfigMaps,
 * Secrets, the workload, Services, Ingresses, HTTPRoutes, HPA, PDB, NetworkPolicy.
 */
public final class AppRenderer {

  private final Defaults defaults;

  public AppRenderer(Defaults defaults) {
    this.defaults = defaults;
  }

  public List<HasMetadata> render(AppSpec app) {
    Map<String, String> configNames = new HashMap<>();
    Map<String, String> secretNames = new HashMap<>();
    for (ConfigMapSpec c : app.configMaps()) {
      configNames.put(c.name(), c.hashed() ? c.name() + "-" + ContentHash.of("ConfigMap", c.data()) : c.name());
    }
    for (SecretSpec s : app.secrets()) {
      secretNames.put(s.name(), s.hashed() ? s.name() + "-" + ContentHash.of("Secret", s.data()) : s.name());
    }
    Checks checks = Checks.root();
    RenderContext ctx = new RenderContext(defaults, configNames, secretNames, checks);
    WorkloadSpec w = app.workload();
    List<HasMetadata> out = new ArrayList<>();

    String serviceAccount = null;
    if (app.serviceAccount() && w.serviceAccountName().isEmpty()) {
      serviceAccount = app.name();
      ctx.beginObject();
      out.add(new ServiceAccountBuilder().withMetadata(meta(w, serviceAccount, ctx))
          .withAutomountServiceAccountToken(false).build());
    }
    app.configMaps().stream().sorted(Comparator.comparing(ConfigMapSpec::name)).forEach(c -> {
      ctx.beginObject();
      out.add(new ConfigMapBuilder().withMetadata(meta(w, configNames.get(c.name()), ctx))
          .withData(new TreeMap<>(c.data()))
          .withImmutable(c.hashed() ? Boolean.TRUE : null)
          .build());
    });
    app.secrets().stream().sorted(Comparator.comparing(SecretSpec::name)).forEach(s -> {
      ctx.beginObject();
      Map<String, String> data = new TreeMap<>();
      s.data().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
      out.add(new SecretBuilder().withMetadata(meta(w, secretNames.get(s.name()), ctx))
          .withType(s.type())
          .withData(data)
          .withImmutable(s.hashed() ? Boolean.TRUE : null)
          .build());
    });
    out.add(new WorkloadRenderer(ctx).render(w, serviceAccount, app.autoscaler().isPresent(),
        checks.at("workload")));
    out.addAll(new TrafficRenderer(ctx).render(app));
    out.addAll(new PolicyRenderer(ctx).render(app));
    checks.throwIfAny("AppSpec \"" + app.name() + "\" with defaults profile " + defaults.name());
    return out;
  }

  /** A bare workload, without the objects around it. */
  public HasMetadata render(WorkloadSpec workload) {
    Checks checks = Checks.root();
    RenderContext ctx = new RenderContext(defaults, Map.of(), Map.of(), checks);
    HasMetadata out = new WorkloadRenderer(ctx).render(workload, null, false, checks);
    checks.throwIfAny(workload.kind() + "Spec \"" + workload.name() + "\" with defaults profile " + defaults.name());
    return out;
  }

  /** Metadata of an object around the workload: common labels, applied defaults recorded. */
  static ObjectMeta meta(WorkloadSpec w, String name, RenderContext ctx) {
    return meta(w, name, ctx, Map.of());
  }

  static ObjectMeta meta(WorkloadSpec w, String name, RenderContext ctx, Map<String, String> annotations) {
    Map<String, String> labels = AppLabels.common(w, ctx);
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(w.namespace().orElse(null))
        .withLabels(labels)
        .withAnnotations(ctx.annotate(annotations))
        .build();
  }
}
