package dev.keelson.core.metrics;

import java.util.List;
import java.util.Map;

/**
 * One series of a range result: its labels and its points, oldest first.
 *
 * <pre>{@code
 * Series cpu = result.asMatrix().series().get(0);
 * double peak = cpu.points().stream().mapToDouble(Point::value).max().orElse(0);
 * }</pre>
 */
public record Series(Map<String, String> labels, List<Point> points) {
  public Series {
    labels = Map.copyOf(labels);
    points = List.copyOf(points);
  }

  /** A label's value, or the empty string when the series has no such label. */
  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
