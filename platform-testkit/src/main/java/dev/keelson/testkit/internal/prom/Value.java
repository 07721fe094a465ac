package dev.keelson.testkit.internal.prom;

import java.util.List;

/** What a PromQL expression evaluates to: a scalar, an instant vector, a range vector (matrix) or a string. */
public sealed interface Value {

  /** One timestamped value of a series; timestamps are Unix milliseconds as Prometheus stores them. */
  record Point(long t, double v) {
  }

  /** One element of an instant vector; its timestamp is the evaluation time. */
  record Sample(Labels labels, double value) {
  }

  /** One series of a range vector. */
  record Series(Labels labels, List<Point> points) {
  }

  record Scalar(double value) implements Value {
  }

  record Vector(List<Sample> samples) implements Value {
  }

  record Matrix(List<Series> series) implements Value {
  }

  record Text(String value) implements Value {
  }
}
