package dev.keelson.testkit.internal.series;

import java.util.function.DoubleUnaryOperator;

/** A value over virtual time: a rate (for counters) or a level (for gauges). */
interface Curve {

  /** The value at {@code millis} (Unix milliseconds). */
  double at(long millis);

  /** Whether the value never changes, so that integrating it needs no sampling. */
  boolean constant();

  static Curve constant(double value) {
    return new Curve() {
      @Override
      public double at(long millis) {
        return value;
      }

      @Override
      public boolean constant() {
        return true;
      }
    };
  }

  /** A function of the seconds elapsed since {@code originMillis}, the moment the test scripted it. */
  static Curve since(long originMillis, DoubleUnaryOperator ofSeconds) {
    return new Curve() {
      @Override
      public double at(long millis) {
        return ofSeconds.applyAsDouble((millis - originMillis) / 1000.0);
      }

      @Override
      public boolean constant() {
        return false;
      }
    };
  }

  /** This curve passed through {@code f} at each instant. */
  default Curve map(DoubleUnaryOperator f) {
    Curve self = this;
    return new Curve() {
      @Override
      public double at(long millis) {
        return f.applyAsDouble(self.at(millis));
      }

      @Override
      public boolean constant() {
        return self.constant();
      }
    };
  }
}
