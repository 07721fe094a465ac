package dev.keelson.core.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A toleration of a node taint.
 *
 * <pre>{@code
 * TolerationSpec.equal("dedicated", "batch", "NoSchedule")
 * TolerationSpec.exists("node.kubernetes.io/not-ready", "NoExecute").withTolerationSeconds(60L)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class TolerationSpec {

  public abstract Optional<String> key();

  /** {@code Equal} or {@code Exists}. */
  @Value.Default
  public String operator() {
    return "Equal";
  }

  public abstract Optional<String> value();

  /** {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}, or empty for all. */
  public abstract Optional<String> effect();

  public abstract Optional<Long> tolerationSeconds();

  public static ImmutableTolerationSpec equal(String key, String value, String effect) {
    return ImmutableTolerationSpec.builder().key(key).operator("Equal").value(value).effect(effect).build();
  }

  public static ImmutableTolerationSpec exists(String key, String effect) {
    return ImmutableTolerationSpec.builder().key(key).operator("Exists").effect(effect).build();
  }

  public static ImmutableTolerationSpec.Builder builder() {
    return ImmutableTolerationSpec.builder();
  }
}
