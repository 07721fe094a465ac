package dev.keelson.core.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Compute resources of one container: requests and limits as Kubernetes quantity strings.
 *
 * <p>Golden-path rendering sets the memory limit equal to the memory request when no limit is given, and leaves
 * the CPU limit unset (see {@code Default.CPU_LIMIT_EQUALS_REQUEST} for why).
 *
 * <pre>{@code
 * Resources.of("250m", "256Mi").withMemoryLimit("512Mi")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class Resources {

  public abstract Optional<String> cpuRequest();

  public abstract Optional<String> memoryRequest();

  public abstract Optional<String> cpuLimit();

  public abstract Optional<String> memoryLimit();

  public abstract Optional<String> ephemeralStorageRequest();

  public abstract Optional<String> ephemeralStorageLimit();

  /** Requests of {@code cpu} and {@code memory}, no limits. */
  public static ImmutableResources of(String cpu, String memory) {
    return builder().cpuRequest(cpu).memoryRequest(memory).build();
  }

  public static ImmutableResources.Builder builder() {
    return ImmutableResources.builder();
  }
}
