package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code policy/v1} PodDisruptionBudget for the app's pods: exactly one of max-unavailable or min-available.
 *
 * <pre>{@code
 * DisruptionBudgetSpec.maxUnavailable("1")
 * DisruptionBudgetSpec.minAvailable("50%")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class DisruptionBudgetSpec {

  public abstract Optional<String> maxUnavailable();

  public abstract Optional<String> minAvailable();

  /** {@code IfHealthyBudget} or {@code AlwaysAllow}. */
  public abstract Optional<String> unhealthyPodEvictionPolicy();

  public static ImmutableDisruptionBudgetSpec maxUnavailable(String value) {
    return ImmutableDisruptionBudgetSpec.builder().maxUnavailable(value).build();
  }

  public static ImmutableDisruptionBudgetSpec minAvailable(String value) {
    return ImmutableDisruptionBudgetSpec.builder().minAvailable(value).build();
  }

  public static ImmutableDisruptionBudgetSpec.Builder builder() {
    return ImmutableDisruptionBudgetSpec.builder();
  }
}
