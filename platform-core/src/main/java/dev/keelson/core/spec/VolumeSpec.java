package dev.keelson.core.spec;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A pod volume: configMap, secret, emptyDir, persistentVolumeClaim or projected.
 *
 * <pre>{@code
 * VolumeSpec.configMap("config", "web-config")
 * VolumeSpec.emptyDir("cache").withSizeLimit("1Gi")
 * VolumeSpec.claim("data", "web-data")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class VolumeSpec {

  /** The volume source. */
  public enum Kind { CONFIG_MAP, SECRET, EMPTY_DIR, PERSISTENT_VOLUME_CLAIM, PROJECTED }

  public abstract String name();

  public abstract Kind kind();

  /** ConfigMap, Secret or claim name. */
  public abstract Optional<String> source();

  /** emptyDir size limit (a quantity). */
  public abstract Optional<String> sizeLimit();

  /** emptyDir backed by memory (tmpfs). */
  @Value.Default
  public boolean inMemory() {
    return false;
  }

  @Value.Default
  public boolean readOnly() {
    return false;
  }

  public abstract List<ProjectionSpec> projections();

  public static ImmutableVolumeSpec configMap(String name, String configMap) {
    return ImmutableVolumeSpec.builder().name(name).kind(Kind.CONFIG_MAP).source(configMap).build();
  }

  public static ImmutableVolumeSpec secret(String name, String secret) {
    return ImmutableVolumeSpec.builder().name(name).kind(Kind.SECRET).source(secret).build();
  }

  public static ImmutableVolumeSpec emptyDir(String name) {
    return ImmutableVolumeSpec.builder().name(name).kind(Kind.EMPTY_DIR).build();
  }

  public static ImmutableVolumeSpec claim(String name, String claimName) {
    return ImmutableVolumeSpec.builder().name(name).kind(Kind.PERSISTENT_VOLUME_CLAIM).source(claimName).build();
  }

  public static ImmutableVolumeSpec projected(String name, ProjectionSpec... sources) {
    return ImmutableVolumeSpec.builder().name(name).kind(Kind.PROJECTED).addProjections(sources).build();
  }

  public static ImmutableVolumeSpec.Builder builder() {
    return ImmutableVolumeSpec.builder();
  }
}
