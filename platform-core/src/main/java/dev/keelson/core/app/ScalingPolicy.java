package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import org.immutables.value.Value;

/**
 * One HPA scaling policy: at most {@code value} pods or percent per {@code periodSeconds}.
 *
 * <pre>{@code
 * ScalingPolicy.percent(100, 15)
 * ScalingPolicy.pods(4, 60)
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class ScalingPolicy {

  /** Unit of {@link #value()}. */
  public enum Unit { PODS, PERCENT }

  public abstract Unit unit();

  public abstract int value();

  public abstract int periodSeconds();

  public static ImmutableScalingPolicy pods(int value, int periodSeconds) {
    return ImmutableScalingPolicy.builder().unit(Unit.PODS).value(value).periodSeconds(periodSeconds).build();
  }

  public static ImmutableScalingPolicy percent(int value, int periodSeconds) {
    return ImmutableScalingPolicy.builder().unit(Unit.PERCENT).value(value).periodSeconds(periodSeconds).build();
  }

  public static ImmutableScalingPolicy.Builder builder() {
    return ImmutableScalingPolicy.builder();
  }
}
