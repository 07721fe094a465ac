package dev.keelson.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One container of a pod: image, command, environment, named ports, probes, resources, mounts, graceful
 * shutdown and security overrides.
 *
 * <pre>{@code
 * ContainerSpec.builder()
 *     .name("app")
 *     .image("registry.example.com/shop/web:1.4.2")
 *     .addPort(Port.of("http", 8080))
 *     .resources(Resources.of("250m", "256Mi"))
 *     .readiness(ProbeSpec.http("/ready", "http"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ContainerSpec {

  public abstract String name();

  /** Image reference with a tag other than {@code latest}, or a digest. */
  public abstract String image();

  public abstract List<String> command();

  public abstract List<String> args();

  public abstract Optional<String> workingDir();

  public abstract List<EnvVarSpec> env();

  /** ConfigMaps whose keys all become environment variables. */
  public abstract List<String> envFromConfigMaps();

  /** Secrets whose keys all become environment variables. */
  public abstract List<String> envFromSecrets();

  public abstract List<Port> ports();

  public abstract Optional<ProbeSpec> readiness();

  public abstract Optional<ProbeSpec> liveness();

  public abstract Optional<ProbeSpec> startup();

  /**
   * How long the container may take to start. When set and no startup probe is given, golden-path rendering
   * derives a startup probe from the readiness probe that allows this long before liveness checks begin.
   */
  public abstract Optional<Duration> slowStart();

  public abstract Optional<Resources> resources();

  /** Named size class of the active {@code Defaults} profile, used when {@link #resources()} is empty. */
  public abstract Optional<String> sizeClass();

  public abstract List<VolumeMountSpec> volumeMounts();

  /** A preStop exec command; when empty, golden-path rendering adds a short sleep. */
  public abstract List<String> preStop();

  public abstract Optional<SecurityOverrides> security();

  public static ImmutableContainerSpec.Builder builder() {
    return ImmutableContainerSpec.builder();
  }

  /** A container with just a name and an image. */
  public static ImmutableContainerSpec of(String name, String image) {
    return builder().name(name).image(image).build();
  }
}
