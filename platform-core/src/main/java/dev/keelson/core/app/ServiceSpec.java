package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The Service in front of an app's workload. Its ports are derived from the workload's named container ports:
 * all of them when {@link #ports()} is empty.
 *
 * <pre>{@code
 * ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP)
 * ServiceSpec.builder().type(ServiceSpec.Type.LOAD_BALANCER).addPort(ServicePort.of("http").withPort(80)).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ServiceSpec {

  /** How the Service is exposed. */
  public enum Type { CLUSTER_IP, HEADLESS, NODE_PORT, LOAD_BALANCER }

  /** The app's name when empty. */
  public abstract Optional<String> name();

  @Value.Default
  public Type type() {
    return Type.CLUSTER_IP;
  }

  public abstract List<ServicePort> ports();

  public abstract Map<String, String> annotations();

  public static ImmutableServiceSpec of(Type type) {
    return ImmutableServiceSpec.builder().type(type).build();
  }

  public static ImmutableServiceSpec.Builder builder() {
    return ImmutableServiceSpec.builder();
  }
}
