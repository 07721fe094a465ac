package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An {@code autoscaling/v2} HorizontalPodAutoscaler for the app's workload. When present, the workload is
 * rendered without {@code spec.replicas}, so applying the app never fights the autoscaler.
 *
 * <pre>{@code
 * AutoscalerSpec.builder().minReplicas(3).maxReplicas(10).cpuUtilization(70)
 *     .scaleDownStabilizationSeconds(300).addScaleDownPolicy(ScalingPolicy.percent(50, 60)).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class AutoscalerSpec {

  @Value.Default
  public int minReplicas() {
    return 1;
  }

  public abstract int maxReplicas();

  /** Target average CPU utilisation in percent of requests. */
  public abstract Optional<Integer> cpuUtilization();

  /** Target average memory utilisation in percent of requests. */
  public abstract Optional<Integer> memoryUtilization();

  public abstract List<MetricTarget> metrics();

  public abstract Optional<Integer> scaleUpStabilizationSeconds();

  public abstract Optional<Integer> scaleDownStabilizationSeconds();

  public abstract List<ScalingPolicy> scaleUpPolicies();

  public abstract List<ScalingPolicy> scaleDownPolicies();

  public static ImmutableAutoscalerSpec.Builder builder() {
    return ImmutableAutoscalerSpec.builder();
  }
}
