package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One port of an app's Service, named after the container port it forwards to.
 *
 * <pre>{@code
 * ServicePort.of("http").withPort(80)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ServicePort {

  /** Name of a container port of the workload. */
  public abstract String name();

  /** Port the Service listens on; the container port's number when empty. */
  public abstract Optional<Integer> port();

  /** Fixed node port for {@code NODE_PORT}/{@code LOAD_BALANCER} Services. */
  public abstract Optional<Integer> nodePort();

  public static ImmutableServicePort of(String containerPortName) {
    return ImmutableServicePort.builder().name(containerPortName).build();
  }

  public static ImmutableServicePort.Builder builder() {
    return ImmutableServicePort.builder();
  }
}
