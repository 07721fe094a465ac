package dev.keelson.core.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Reconciler} says should happen next to a key: nothing until it changes again ({@link #done()}),
 * a look again after a while ({@link #requeueAfter(Duration)}, e.g. the end of a canary pause), or a retry with
 * exponential back-off because it failed ({@link #error(Throwable)}).
 *
 * <pre>{@code
 * return Result.requeueAfter(Duration.ofMinutes(5));
 * }</pre>
 */
public final class Result {

  /** The three outcomes. */
  public enum Kind { DONE, REQUEUE_AFTER, ERROR }

  private static final Result DONE = new Result(Kind.DONE, null, null);

  private final Kind kind;
  private final Duration delay;
  private final Throwable error;

  private Result(Kind kind, Duration delay, Throwable error) {
    this.kind = kind;
    this.delay = delay;
    this.error = error;
  }

  /** The key is as desired; its back-off is reset. */
  public static Result done() {
    return DONE;
  }

  /** Reconcile the key again after {@code delay} on the loop's clock; its back-off is reset. */
  public static Result requeueAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    return new Result(Kind.REQUEUE_AFTER, delay, null);
  }

  /** Reconciling failed; retry the key after its (growing) back-off. */
  public static Result error(Throwable cause) {
    return new Result(Kind.ERROR, null, Objects.requireNonNull(cause, "cause"));
  }

  /** Reconciling failed for a reason that needs no exception; retry after the key's back-off. */
  public static Result error(String reason) {
    return error(new IllegalStateException(Objects.requireNonNull(reason, "reason")));
  }

  public Kind kind() {
    return kind;
  }

  /** The delay of {@link Kind#REQUEUE_AFTER}. */
  public Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  /** The cause of {@link Kind#ERROR}. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result r && kind == r.kind && Objects.equals(delay, r.delay) && error == r.error;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, delay);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DONE -> "done";
      case REQUEUE_AFTER -> "requeue after " + delay;
      case ERROR -> "error: " + error;
    };
  }
}
