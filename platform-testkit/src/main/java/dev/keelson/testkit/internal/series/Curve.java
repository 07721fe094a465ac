package dev.keelson.testkit.internal.series;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;

/** A value over virtual time: a rate (for counters) or a level (for gauges). */
interface Curve {

  /** The value at {@code millis} (Unix milliseconds). */
  double at(long millis);

  /** Whether the value never changes, so that integrating it needs no sampling. */
  boolean constant();

  /** A curve of a function of time; {@code constant} tells whether it never changes. */
  static Curve of(LongToDoubleFunction at, boolean constant) {
    record FunctionCurve(LongToDoubleFunction function, boolean constant) implements Curve {
      @Override
      public double at(long millis) {
        return function.applyAsDouble(millis);
      }
    }
    return new FunctionCurve(at, constant);
  }

  static Curve constant(double value) {
    return of(millis -> value, true);
  }

  /** A function of the seconds elapsed since {@code originMillis}, the moment the test scripted it. */
  static Curve since(long originMillis, DoubleUnaryOperator ofSeconds) {
    return of(millis -> ofSeconds.applyAsDouble((millis - originMillis) / 1000.0), false);
  }

  /** This curve passed through {@code f} at each instant. */
  default Curve map(DoubleUnaryOperator f) {
    return of(millis -> f.applyAsDouble(at(millis)), constant());
  }
}
