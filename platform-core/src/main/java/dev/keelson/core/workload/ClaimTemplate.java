package dev.keelson.core.workload;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A StatefulSet volume claim template: each replica gets its own claim of this size.
 *
 * <pre>{@code
 * ClaimTemplate.of("data", "10Gi").withStorageClass("fast-ssd")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ClaimTemplate {

  public abstract String name();

  /** Requested storage, a quantity such as {@code 10Gi}. */
  public abstract String size();

  public abstract Optional<String> storageClass();

  /** Defaults to {@code ReadWriteOnce} when empty. */
  public abstract List<String> accessModes();

  public static ImmutableClaimTemplate of(String name, String size) {
    return ImmutableClaimTemplate.builder().name(name).size(size).build();
  }

  public static ImmutableClaimTemplate.Builder builder() {
    return ImmutableClaimTemplate.builder();
  }
}
