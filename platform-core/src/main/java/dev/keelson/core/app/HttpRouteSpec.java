package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Gateway API {@code gateway.networking.k8s.io/v1} HTTPRoute for an app.
 *
 * <pre>{@code
 * HttpRouteSpec.builder().addParent(GatewayRef.of("public")).addHostname("shop.example.com")
 *     .addPath(RoutePath.prefix("/", "http")).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class HttpRouteSpec {

  /** The app's name when empty. */
  public abstract Optional<String> name();

  public abstract List<GatewayRef> parents();

  public abstract List<String> hostnames();

  public abstract List<RoutePath> paths();

  public static ImmutableHttpRouteSpec.Builder builder() {
    return ImmutableHttpRouteSpec.builder();
  }
}
