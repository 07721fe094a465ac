package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An {@code networking.k8s.io/v1} Ingress for an app: one host, paths to the app's Service, optional TLS.
 *
 * <pre>{@code
 * IngressSpec.builder().host("shop.example.com").className("nginx").tlsSecret("shop-tls")
 *     .addPath(RoutePath.prefix("/", "http")).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class IngressSpec {

  /** The app's name when empty. */
  public abstract Optional<String> name();

  public abstract Optional<String> className();

  public abstract String host();

  public abstract List<RoutePath> paths();

  /** Secret holding the TLS certificate for {@link #host()}; no TLS when empty. */
  public abstract Optional<String> tlsSecret();

  public abstract Map<String, String> annotations();

  public static ImmutableIngressSpec.Builder builder() {
    return ImmutableIngressSpec.builder();
  }
}
