package dev.keelson.core.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One source of a projected volume: a ConfigMap, a Secret, or a bound service-account token.
 *
 * <pre>{@code
 * ProjectionSpec.serviceAccountToken("vault", 3600, "token")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ProjectionSpec {

  /** What is projected. */
  public enum Kind { CONFIG_MAP, SECRET, SERVICE_ACCOUNT_TOKEN }

  public abstract Kind kind();

  /** ConfigMap or Secret name. */
  public abstract Optional<String> objectName();

  /** Token audience. */
  public abstract Optional<String> audience();

  /** Token lifetime in seconds (Kubernetes requires at least 600). */
  public abstract Optional<Long> expirationSeconds();

  /** File name of the token inside the volume. */
  public abstract Optional<String> path();

  public static ImmutableProjectionSpec configMap(String name) {
    return ImmutableProjectionSpec.builder().kind(Kind.CONFIG_MAP).objectName(name).build();
  }

  public static ImmutableProjectionSpec secret(String name) {
    return ImmutableProjectionSpec.builder().kind(Kind.SECRET).objectName(name).build();
  }

  public static ImmutableProjectionSpec serviceAccountToken(String audience, long expirationSeconds, String path) {
    return ImmutableProjectionSpec.builder().kind(Kind.SERVICE_ACCOUNT_TOKEN).audience(audience)
        .expirationSeconds(expirationSeconds).path(path).build();
  }

  public static ImmutableProjectionSpec.Builder builder() {
    return ImmutableProjectionSpec.builder();
  }
}
