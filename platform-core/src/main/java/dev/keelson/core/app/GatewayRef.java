package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The Gateway (and optionally listener) an HTTPRoute attaches to.
 *
 * <pre>{@code
 * GatewayRef.of("public").withNamespace("gateways").withSectionName("https")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class GatewayRef {

  public abstract String name();

  public abstract Optional<String> namespace();

  public abstract Optional<String> sectionName();

  public static ImmutableGatewayRef of(String name) {
    return ImmutableGatewayRef.builder().name(name).build();
  }

  public static ImmutableGatewayRef.Builder builder() {
    return ImmutableGatewayRef.builder();
  }
}
