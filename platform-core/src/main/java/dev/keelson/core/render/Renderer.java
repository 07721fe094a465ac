package dev.keelson.core.render;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.EnvironmentOverlay;
import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.internal.render.AppRenderer;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns specs into plain fabric8 objects with a {@link Defaults} profile applied. Rendering is deterministic:
 * the same spec and profile give equal objects in the same order, and byte-identical YAML through
 * {@link Manifests}.
 *
 * <p>Defaults that cannot be satisfied (a missing readiness probe, missing requests, a {@code latest} image)
 * fail with one {@code SpecException} listing every problem.
 *
 * <pre>{@code
 * List<HasMetadata> objects = Renderer.goldenPath().render(app);
 * String yaml = Manifests.toYaml(objects);
 * }</pre>
 */
public final class Renderer {

  private final Defaults defaults;
  private final AppRenderer delegate;

  private Renderer(Defaults defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.delegate = new AppRenderer(defaults);
  }

  /** A renderer with the given profile. */
  public static Renderer with(Defaults defaults) {
    return new Renderer(defaults);
  }

  /** A renderer with {@link Defaults#goldenPath()}. */
  public static Renderer goldenPath() {
    return new Renderer(Defaults.goldenPath());
  }

  public Defaults defaults() {
    return defaults;
  }

  /** The app's objects in apply order: ServiceAccount, configs, workload, Service, routes, HPA, PDB, policy. */
  public List<HasMetadata> render(AppSpec app) {
    return delegate.render(app);
  }

  /** A bare workload object. */
  public HasMetadata render(WorkloadSpec workload) {
    return delegate.render(workload);
  }

  /** The app rendered once per environment overlay, keyed by environment name in the given order. */
  public Map<String, List<HasMetadata>> render(AppSpec base, List<EnvironmentOverlay> environments) {
    Map<String, List<HasMetadata>> out = new LinkedHashMap<>();
    for (EnvironmentOverlay overlay : environments) {
      out.put(overlay.environment(), render(base.forEnvironment(overlay)));
    }
    return out;
  }
}
