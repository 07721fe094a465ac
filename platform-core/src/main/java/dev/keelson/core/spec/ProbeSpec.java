package dev.keelson.core.spec;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A readiness, liveness or startup probe: how to ask the container whether it is fine, and how often.
 *
 * <p>Timings are always rendered explicitly (Kubernetes' own defaults unless changed), so a reviewer sees them.
 *
 * <pre>{@code
 * ProbeSpec.http("/ready", "http").withPeriodSeconds(5)
 * ProbeSpec.tcp(5432)
 * ProbeSpec.exec("pg_isready", "-U", "app")
 * ProbeSpec.grpc(9090)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ProbeSpec {

  /** The kind of check a probe makes. */
  public enum Kind { HTTP, TCP, EXEC, GRPC }

  public abstract Kind kind();

  /** HTTP path, for {@link Kind#HTTP}. */
  public abstract Optional<String> path();

  /** Port number, or empty when {@link #portName()} is used. */
  public abstract Optional<Integer> port();

  /** Named container port, or empty when {@link #port()} is used. */
  public abstract Optional<String> portName();

  /** {@code HTTP} or {@code HTTPS}, for {@link Kind#HTTP}. */
  @Value.Default
  public String scheme() {
    return "HTTP";
  }

  /** Command for {@link Kind#EXEC}. */
  public abstract List<String> command();

  /** gRPC health service name, for {@link Kind#GRPC}. */
  public abstract Optional<String> grpcService();

  @Value.Default
  public int initialDelaySeconds() {
    return 0;
  }

  @Value.Default
  public int periodSeconds() {
    return 10;
  }

  @Value.Default
  public int timeoutSeconds() {
    return 1;
  }

  @Value.Default
  public int successThreshold() {
    return 1;
  }

  @Value.Default
  public int failureThreshold() {
    return 3;
  }

  public static ImmutableProbeSpec http(String path, int port) {
    return builder().kind(Kind.HTTP).path(path).port(port).build();
  }

  public static ImmutableProbeSpec http(String path, String portName) {
    return builder().kind(Kind.HTTP).path(path).portName(portName).build();
  }

  public static ImmutableProbeSpec tcp(int port) {
    return builder().kind(Kind.TCP).port(port).build();
  }

  public static ImmutableProbeSpec tcp(String portName) {
    return builder().kind(Kind.TCP).portName(portName).build();
  }

  public static ImmutableProbeSpec exec(String... command) {
    return builder().kind(Kind.EXEC).addCommand(command).build();
  }

  public static ImmutableProbeSpec grpc(int port) {
    return builder().kind(Kind.GRPC).port(port).build();
  }

  public static ImmutableProbeSpec.Builder builder() {
    return ImmutableProbeSpec.builder();
  }
}
