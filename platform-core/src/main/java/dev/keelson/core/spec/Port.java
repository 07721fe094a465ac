package dev.keelson.core.spec;

import org.immutables.value.Value;

/**
 * A named container port. Services, routes, probes and network policies refer to ports by name, so a port
 * number lives in exactly one place.
 *
 * <pre>{@code
 * Port.of("http", 8080)
 * Port.of("dns", 5353).withProtocol(Port.Protocol.UDP)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class Port {

  /** Transport protocol of a port. */
  public enum Protocol { TCP, UDP, SCTP }

  /** IANA service name: at most 15 lowercase characters, e.g. {@code http}, {@code metrics}. */
  public abstract String name();

  public abstract int number();

  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  public static ImmutablePort of(String name, int number) {
    return ImmutablePort.builder().name(name).number(number).build();
  }

  public static ImmutablePort.Builder builder() {
    return ImmutablePort.builder();
  }
}
