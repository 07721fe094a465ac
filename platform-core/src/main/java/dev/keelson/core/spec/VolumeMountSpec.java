package dev.keelson.core.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a pod volume appears inside a container.
 *
 * <pre>{@code
 * VolumeMountSpec.of("config", "/etc/app").withReadOnly(true)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class VolumeMountSpec {

  public abstract String volume();

  public abstract String mountPath();

  public abstract Optional<String> subPath();

  @Value.Default
  public boolean readOnly() {
    return false;
  }

  public static ImmutableVolumeMountSpec of(String volume, String mountPath) {
    return ImmutableVolumeMountSpec.builder().volume(volume).mountPath(mountPath).build();
  }

  public static ImmutableVolumeMountSpec.Builder builder() {
    return ImmutableVolumeMountSpec.builder();
  }
}
