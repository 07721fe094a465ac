package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Configuration data of an app. With {@link #hashed()} (the default) the rendered ConfigMap is named
 * {@code <name>-<content hash>} and immutable, and every reference to {@code name} in the app's workload is
 * rewritten to it: changing the data rolls the workload, and the previous version stays for rollback.
 *
 * <pre>{@code
 * ConfigMapSpec.of("web-config", Map.of("LOG_LEVEL", "info"))
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ConfigMapSpec {

  /** Base name; the rendered name adds the content hash when {@link #hashed()}. */
  public abstract String name();

  public abstract Map<String, String> data();

  @Value.Default
  public boolean hashed() {
    return true;
  }

  public static ImmutableConfigMapSpec of(String name, Map<String, String> data) {
    return ImmutableConfigMapSpec.builder().name(name).putAllData(data).build();
  }

  public static ImmutableConfigMapSpec.Builder builder() {
    return ImmutableConfigMapSpec.builder();
  }
}
