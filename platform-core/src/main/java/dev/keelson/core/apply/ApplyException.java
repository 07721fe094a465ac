package dev.keelson.core.apply;

import java.util.Objects;

/**
 * Applying a plan did not fully succeed. The message and {@link #result()} say exactly what was written, what
 * failed and why, and what was not attempted, so that nothing half-applied goes unreported.
 *
 * <pre>{@code
 * try {
 *   applier.apply(plan);
 * } catch (ApplyException e) {
 *   e.result().written().forEach(o -> log.info("written before the failure: {}", o.ref()));
 * }
 * }</pre>
 */
public final class ApplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApplyResult result;

  public ApplyException(ApplyResult result) {
    super("apply " + Objects.requireNonNull(result, "result").correlationId() + " did not complete: "
        + result.report());
    this.result = result;
  }

  /** Every object's outcome. */
  public ApplyResult result() {
    return result;
  }
}
