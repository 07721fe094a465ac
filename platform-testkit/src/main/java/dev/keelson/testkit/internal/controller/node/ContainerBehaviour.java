package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;

/**
 * What one simulated container does once the kubelet starts it: whether its image pull fails, how long it runs
 * before it exits (and with which code, or OOM-killed), and when — if ever — it turns ready. Immutable; the
 * kubelet looks it up at every container start, so changing a behaviour affects the next start or restart.
 *
 * @param missingImage the image pull fails ({@code ErrImagePull}, then {@code ImagePullBackOff})
 * @param runFor how long the container runs before it exits, or null to run until stopped
 * @param exitCode the exit code when it exits by itself
 * @param oomKilled the exit is an OOM kill ({@code OOMKilled}, exit code 137)
 * @param neverReady the readiness probe never succeeds
 * @param readyAfter the container is ready (and its startup probe succeeds) no earlier than this long after it
 *     started (slow start)
 * @param livenessFailsAfter its liveness probe fails from this long after it started on, or null if it never does
 */
public record ContainerBehaviour(boolean missingImage, Duration runFor, int exitCode, boolean oomKilled,
    boolean neverReady, Duration readyAfter, Duration livenessFailsAfter) {

  /** A container that pulls, runs until stopped and is ready as soon as its readiness probe allows. */
  public static final ContainerBehaviour NORMAL = new ContainerBehaviour(false, null, 0, false, false,
      Duration.ZERO, null);

  /** Exit code of an OOM-killed container: 128 + SIGKILL. */
  public static final int OOM_EXIT_CODE = 137;

  public ContainerBehaviour withMissingImage() {
    return new ContainerBehaviour(true, runFor, exitCode, oomKilled, neverReady, readyAfter, livenessFailsAfter);
  }

  public ContainerBehaviour withExit(Duration after, int code) {
    return new ContainerBehaviour(missingImage, after, code, false, neverReady, readyAfter, livenessFailsAfter);
  }

  public ContainerBehaviour withOomKill(Duration after) {
    return new ContainerBehaviour(missingImage, after, OOM_EXIT_CODE, true, neverReady, readyAfter, livenessFailsAfter);
  }

  public ContainerBehaviour withNeverReady() {
    return new ContainerBehaviour(missingImage, runFor, exitCode, oomKilled, true, readyAfter, livenessFailsAfter);
  }

  public ContainerBehaviour withReadyAfter(Duration delay) {
    return new ContainerBehaviour(missingImage, runFor, exitCode, oomKilled, neverReady, delay, livenessFailsAfter);
  }

  public ContainerBehaviour withLivenessFailingAfter(Duration after) {
    return new ContainerBehaviour(missingImage, runFor, exitCode, oomKilled, neverReady, readyAfter, after);
  }

  /** The {@code state.terminated.reason} of a self-inflicted exit. */
  String exitReason() {
    if (oomKilled) {
      return "OOMKilled";
    }
    return exitCode == 0 ? "Completed" : "Error";
  }
}
