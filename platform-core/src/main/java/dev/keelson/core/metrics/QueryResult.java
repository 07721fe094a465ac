package dev.keelson.core.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of a PromQL query, typed as Prometheus types it: an instant {@link Vector}, a {@link Scalar}, a
 * {@link Matrix} (range queries, or range selectors at an instant) or a {@link Text}.
 *
 * <pre>{@code
 * OptionalDouble p99 = metrics.query(
 *     "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))", now)
 *     .asVector().singleValue();
 * }</pre>
 */
public sealed interface QueryResult permits QueryResult.Vector, QueryResult.Scalar, QueryResult.Matrix,
    QueryResult.Text {

  /** Prometheus' {@code resultType}: {@code vector}, {@code scalar}, {@code matrix} or {@code string}. */
  String resultType();

  /** This result as a vector; {@link MetricsException} when it is of another type. */
  default Vector asVector() {
    return as(Vector.class);
  }

  /** This result as a scalar; {@link MetricsException} when it is of another type. */
  default Scalar asScalar() {
    return as(Scalar.class);
  }

  /** This result as a matrix; {@link MetricsException} when it is of another type. */
  default Matrix asMatrix() {
    return as(Matrix.class);
  }

  private <T extends QueryResult> T as(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new MetricsException("unexpected_result", "expected a " + type.getSimpleName().toLowerCase(
        java.util.Locale.ROOT) + " result, got " + resultType());
  }

  /** An instant vector: one sample per series, possibly none. */
  record Vector(List<Sample> samples) implements QueryResult {
    public Vector {
      samples = List.copyOf(samples);
    }

    @Override
    public String resultType() {
      return "vector";
    }

    /**
     * The value of the only sample, empty when there is none (e.g. no traffic yet); {@link MetricsException} when
     * there are several, since a gate reading one number must not silently pick one of them.
     */
    public OptionalDouble singleValue() {
      if (samples.size() > 1) {
        throw new MetricsException("unexpected_result", "expected at most one sample, got " + samples.size()
            + ": " + samples.stream().map(Sample::labels).toList());
      }
      return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(samples.get(0).value());
    }
  }

  /** A single number at the evaluation time. */
  record Scalar(Instant time, double value) implements QueryResult {
    public Scalar {
      Objects.requireNonNull(time, "time");
    }

    @Override
    public String resultType() {
      return "scalar";
    }
  }

  /** Series of points over time. */
  record Matrix(List<Series> series) implements QueryResult {
    public Matrix {
      series = List.copyOf(series);
    }

    @Override
    public String resultType() {
      return "matrix";
    }
  }

  /** A string literal's value. */
  record Text(Instant time, String value) implements QueryResult {
    public Text {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String resultType() {
      return "string";
    }
  }
}
