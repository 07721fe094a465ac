package dev.keelson.core.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fleet task did on one cluster: its value, or why it has none — the task threw, the cluster could not be
 * reached, the task ran out of time, or the run was cancelled.
 *
 * <pre>{@code
 * for (ClusterOutcome<String> outcome : result.outcomes()) {
 *   if (outcome.succeeded()) {
 *     log.info("{} runs {}", outcome.cluster(), outcome.value());
 *   } else {
 *     log.warn("{}", outcome.message());      // "cluster eu-2 is unreachable at https://10.0.0.2:6443/ (...)"
 *   }
 * }
 * }</pre>
 *
 * @param <T> the task's value type
 */
public final class ClusterOutcome<T> {

  /** How the task ended on a cluster. */
  public enum Status {
    /** The task returned a value. */
    SUCCEEDED,
    /** The task threw. */
    FAILED,
    /** The task could not connect to the cluster's API server. */
    UNREACHABLE,
    /** The task did not finish within the fleet's per-cluster timeout; it was interrupted. */
    TIMED_OUT,
    /** The run was cancelled (the calling thread was interrupted) before the task finished. */
    CANCELLED
  }

  private final String cluster;
  private final Status status;
  private final T value;
  private final String message;
  private final Throwable error;
  private final Duration elapsed;

  private ClusterOutcome(String cluster, Status status, T value, String message, Throwable error, Duration elapsed) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.status = Objects.requireNonNull(status, "status");
    this.value = value;
    this.message = Objects.requireNonNull(message, "message");
    this.error = error;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The task returned {@code value} (which may be null) on {@code cluster}. */
  public static <T> ClusterOutcome<T> success(String cluster, T value, Duration elapsed) {
    return new ClusterOutcome<>(cluster, Status.SUCCEEDED, value, "succeeded on cluster " + cluster, null, elapsed);
  }

  /**
   * The task has no value on {@code cluster}.
   *
   * @param status any status but {@link Status#SUCCEEDED}
   * @param message says what happened, naming the cluster
   * @param error the exception behind it, or null
   */
  public static <T> ClusterOutcome<T> failure(String cluster, Status status, String message, Throwable error,
      Duration elapsed) {
    if (status == Status.SUCCEEDED) {
      throw new IllegalArgumentException("a failure needs a status other than SUCCEEDED");
    }
    return new ClusterOutcome<>(cluster, status, null, message, error, elapsed);
  }

  /** The cluster's name. */
  public String cluster() {
    return cluster;
  }

  public Status status() {
    return status;
  }

  public boolean succeeded() {
    return status == Status.SUCCEEDED;
  }

  /**
   * The task's value.
   *
   * @throws IllegalStateException with this outcome's message when the task did not succeed
   */
  public T value() {
    if (!succeeded()) {
      throw new IllegalStateException(message, error);
    }
    return value;
  }

  /** What happened, in a sentence that names the cluster. */
  public String message() {
    return message;
  }

  /** The exception behind a failure. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** How long the task ran on this cluster (zero when it never started). */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return cluster + ": " + status + (succeeded() ? "" : " - " + message);
  }
}
