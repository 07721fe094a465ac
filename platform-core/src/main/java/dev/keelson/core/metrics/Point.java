package dev.keelson.core.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a series at one instant.
 *
 * <pre>{@code
 * for (Point p : series.points()) { chart.add(p.time(), p.value()); }
 * }</pre>
 */
public record Point(Instant time, double value) {
  public Point {
    Objects.requireNonNull(time, "time");
  }
}
