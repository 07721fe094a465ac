package dev.keelson.core.app;

import dev.keelson.core.internal.render.OverlayApplier;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Typed per-environment overrides of a base {@link AppSpec}: no YAML patching, and the result is validated like
 * any app.
 *
 * <pre>{@code
 * EnvironmentOverlay prod = EnvironmentOverlay.builder()
 *     .environment("prod").namespace("shop-prod")
 *     .replicas(6)
 *     .putResource("app", Resources.of("1", "1Gi"))
 *     .addEnv(EnvVarSpec.literal("LOG_LEVEL", "warn"))
 *     .autoscalerMax(20)
 *     .build();
 * AppSpec prodApp = base.forEnvironment(prod);
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class EnvironmentOverlay {

  /** Environment name, e.g. {@code prod}; becomes the {@code keelson.dev/environment} label. */
  public abstract String environment();

  public abstract Optional<String> namespace();

  public abstract Optional<Integer> replicas();

  /** New image for the first container. */
  public abstract Optional<String> image();

  /** New images by container name. */
  public abstract Map<String, String> images();

  /** Resources by container name. */
  public abstract Map<String, Resources> resources();

  /** Environment variables set on every main container, replacing those of the same name. */
  public abstract List<EnvVarSpec> env();

  public abstract Optional<Integer> autoscalerMin();

  public abstract Optional<Integer> autoscalerMax();

  /** Extra labels on the workload. */
  public abstract Map<String, String> labels();

  public static ImmutableEnvironmentOverlay.Builder builder() {
    return ImmutableEnvironmentOverlay.builder();
  }

  /** The base app with this overlay's overrides. */
  public AppSpec applyTo(AppSpec base) {
    return OverlayApplier.apply(base, this);
  }
}
