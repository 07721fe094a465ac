package dev.keelson.core.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One environment variable of a container: a literal, a key of a ConfigMap or Secret, a pod field, or a
 * container resource.
 *
 * <p>A ConfigMap or Secret named here that is also part of the same {@code AppSpec} is rendered with its
 * content-hashed name, so changing the config rolls the workload.
 *
 * <pre>{@code
 * EnvVarSpec.literal("LOG_LEVEL", "info")
 * EnvVarSpec.fromSecret("DB_PASSWORD", "db", "password")
 * EnvVarSpec.fromField("POD_NAME", "metadata.name")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class EnvVarSpec {

  /** Where the value comes from. */
  public enum Source { LITERAL, CONFIG_MAP_KEY, SECRET_KEY, FIELD, RESOURCE }

  public abstract String name();

  public abstract Source source();

  /** The literal value, for {@link Source#LITERAL}. */
  public abstract Optional<String> value();

  /** ConfigMap or Secret name. */
  public abstract Optional<String> objectName();

  /** Key inside the ConfigMap or Secret. */
  public abstract Optional<String> key();

  /** Field path ({@code metadata.name}, {@code status.podIP}, ...) or resource ({@code limits.memory}). */
  public abstract Optional<String> reference();

  public static ImmutableEnvVarSpec literal(String name, String value) {
    return ImmutableEnvVarSpec.builder().name(name).source(Source.LITERAL).value(value).build();
  }

  public static ImmutableEnvVarSpec fromConfigMap(String name, String configMap, String key) {
    return ImmutableEnvVarSpec.builder().name(name).source(Source.CONFIG_MAP_KEY).objectName(configMap).key(key)
        .build();
  }

  public static ImmutableEnvVarSpec fromSecret(String name, String secret, String key) {
    return ImmutableEnvVarSpec.builder().name(name).source(Source.SECRET_KEY).objectName(secret).key(key).build();
  }

  public static ImmutableEnvVarSpec fromField(String name, String fieldPath) {
    return ImmutableEnvVarSpec.builder().name(name).source(Source.FIELD).reference(fieldPath).build();
  }

  public static ImmutableEnvVarSpec fromResource(String name, String resource) {
    return ImmutableEnvVarSpec.builder().name(name).source(Source.RESOURCE).reference(resource).build();
  }

  public static ImmutableEnvVarSpec.Builder builder() {
    return ImmutableEnvVarSpec.builder();
  }
}
