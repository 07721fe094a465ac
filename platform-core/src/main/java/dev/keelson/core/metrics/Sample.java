package dev.keelson.core.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One element of an instant vector: a series' labels and its value at the evaluation time.
 *
 * <pre>{@code
 * for (Sample s : result.asVector().samples()) { log.info("{} uses {} cores", s.label("pod"), s.value()); }
 * }</pre>
 *
 * @param labels the series' labels; {@code __name__} holds the metric name when the expression kept it
 */
public record Sample(Map<String, String> labels, Instant time, double value) {
  public Sample {
    labels = Map.copyOf(labels);
    Objects.requireNonNull(time, "time");
  }

  /** A label's value, or the empty string when the series has no such label (as PromQL treats it). */
  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
