package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A custom (per-pod) or external metric an autoscaler follows, with its average target value.
 *
 * <pre>{@code
 * MetricTarget.pods("http_requests_per_second", "100")
 * MetricTarget.external("queue_depth", "30").withSelector(Map.of("queue", "orders"))
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class MetricTarget {

  /** Where the metric comes from. */
  public enum Source { PODS, EXTERNAL }

  public abstract Source source();

  public abstract String metric();

  /** Target average value per pod, a quantity. */
  public abstract String averageValue();

  public abstract Map<String, String> selector();

  public static ImmutableMetricTarget pods(String metric, String averageValue) {
    return ImmutableMetricTarget.builder().source(Source.PODS).metric(metric).averageValue(averageValue).build();
  }

  public static ImmutableMetricTarget external(String metric, String averageValue) {
    return ImmutableMetricTarget.builder().source(Source.EXTERNAL).metric(metric).averageValue(averageValue)
        .build();
  }

  public static ImmutableMetricTarget.Builder builder() {
    return ImmutableMetricTarget.builder();
  }
}
