package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Secret data of an app, content-hashed like {@link ConfigMapSpec}. The values never appear in
 * {@code toString()}.
 *
 * <pre>{@code
 * SecretSpec.of("db", Map.of("password", password))
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class SecretSpec {

  public abstract String name();

  /** Plain-text values; rendered base64-encoded in {@code data}. */
  @Value.Redacted
  public abstract Map<String, String> data();

  @Value.Default
  public String type() {
    return "Opaque";
  }

  @Value.Default
  public boolean hashed() {
    return true;
  }

  public static ImmutableSecretSpec of(String name, Map<String, String> data) {
    return ImmutableSecretSpec.builder().name(name).putAllData(data).build();
  }

  public static ImmutableSecretSpec.Builder builder() {
    return ImmutableSecretSpec.builder();
  }
}
