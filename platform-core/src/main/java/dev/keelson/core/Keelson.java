package dev.keelson.core;

import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.render.Renderer;

/**
 * The entry point of Keelson's core: where to start when you have specs and want Kubernetes objects.
 *
 * <pre>{@code
 * List<HasMetadata> objects = Keelson.renderer().render(app);
 * List<HasMetadata> relaxed = Keelson.renderer(Defaults.goldenPath().without(Default.TOPOLOGY_SPREAD)).render(app);
 * }</pre>
 */
public final class Keelson {
  private Keelson() {
  }

  /** A renderer with the golden-path defaults. */
  public static Renderer renderer() {
    return Renderer.goldenPath();
  }

  /** A renderer with the given defaults profile. */
  public static Renderer renderer(Defaults defaults) {
    return Renderer.with(defaults);
  }
}
