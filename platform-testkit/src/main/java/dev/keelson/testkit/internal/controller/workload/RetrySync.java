package dev.keelson.testkit.internal.controller.workload;

/**
 * Thrown inside a Deployment sync when the sync must start over from fresh reads, as the real controller does by
 * returning an error and being requeued at once (e.g. after bumping {@code status.collisionCount}).
 */
final class RetrySync extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RetrySync(String message) {
    super(message, null, false, false);
  }
}
