package dev.keelson.testkit.internal.series;

import java.util.function.DoubleUnaryOperator;

/**
 * What a test scripted for one property at one moment: a constant, or a function of the seconds elapsed since it
 * was scripted. It becomes a {@link Curve} once the moment it was scripted is known.
 */
public record Signal(Double constantValue, DoubleUnaryOperator function) {

  public static Signal constant(double value) {
    return new Signal(value, null);
  }

  public static Signal of(DoubleUnaryOperator ofSecondsSinceScripted) {
    return new Signal(null, java.util.Objects.requireNonNull(ofSecondsSinceScripted, "function"));
  }

  Curve curveFrom(long originMillis) {
    return constantValue != null ? Curve.constant(constantValue) : Curve.since(originMillis, function);
  }
}
