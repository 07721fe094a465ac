package dev.keelson.testkit.internal.series;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Request durations given by their quantile function ({@code q -> seconds}): the share of requests at most a bucket
 * bound long (the inverse of the quantile function, found by bisection) and the mean duration.
 */
public final class LatencyDistribution {

  private static final int BISECTIONS = 60;
  private static final int MEAN_STEPS = 1000;

  private final DoubleUnaryOperator quantile;
  private final Map<Double, Double> shares = new ConcurrentHashMap<>();
  private final double mean;

  private LatencyDistribution(DoubleUnaryOperator quantile) {
    this.quantile = quantile;
    this.mean = meanOf(quantile);
  }

  /**
   * A distribution from its quantile function; {@link IllegalArgumentException} when the function gives negative,
   * non-finite or decreasing durations.
   */
  public static LatencyDistribution of(DoubleUnaryOperator secondsAtQuantile) {
    double previous = 0;
    for (int i = 0; i <= 100; i++) {
      double q = i / 100.0;
      double s = secondsAtQuantile.applyAsDouble(q);
      if (!Double.isFinite(s) || s < 0) {
        throw new IllegalArgumentException("latency at quantile " + q + " must be a finite, non-negative number of "
            + "seconds, got " + s);
      }
      if (s < previous) {
        throw new IllegalArgumentException("latency must not decrease as the quantile grows: " + previous
            + " s at quantile " + (i - 1) / 100.0 + " but " + s + " s at " + q);
      }
      previous = s;
    }
    return new LatencyDistribution(secondsAtQuantile);
  }

  /** The share of requests that take at most {@code seconds}: the largest q with quantile(q) ≤ seconds. */
  double shareAtMost(double seconds) {
    return shares.computeIfAbsent(seconds, this::invert);
  }

  double mean() {
    return mean;
  }

  private double invert(double seconds) {
    if (Double.isInfinite(seconds) || quantile.applyAsDouble(1) <= seconds) {
      return 1;
    }
    if (quantile.applyAsDouble(0) > seconds) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (lo + hi) / 2;
      if (quantile.applyAsDouble(mid) <= seconds) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double meanOf(DoubleUnaryOperator quantile) {
    double sum = 0;
    for (int i = 0; i < MEAN_STEPS; i++) {
      sum += quantile.applyAsDouble((i + 0.5) / MEAN_STEPS);
    }
    return sum / MEAN_STEPS;
  }
}
