package dev.keelson.testkit;

import dev.keelson.testkit.internal.controller.node.BehaviourRule;
import java.time.Duration;

/**
 * How containers matched by one rule behave in the simulated kubelet. By default a container pulls, runs and is
 * Ready after its readiness probe's initial delay.
 *
 * <pre>{@code
 * cluster.script().forImage("registry.example.com/shop/web:2.0").crashLoop();
 * cluster.script().forPods("app=worker").oomAfter(Duration.ofMinutes(3));
 * }</pre>
 */
public final class ContainerScript {

  private final BehaviourRule rule;

  ContainerScript(BehaviourRule rule) {
    this.rule = rule;
  }

  /** Exits with code 1 right after starting: {@code Error}, then {@code CrashLoopBackOff} with growing back-off. */
  public ContainerScript crashLoop() {
    rule.crashLoop();
    return this;
  }

  /** Runs, then is OOM-killed (exit code 137, reason {@code OOMKilled}) after {@code after}, and restarts. */
  public ContainerScript oomAfter(Duration after) {
    rule.oomAfter(after);
    return this;
  }

  /** Runs but its readiness probe never succeeds. */
  public ContainerScript failReadiness() {
    rule.failReadiness();
    return this;
  }

  /**
   * Its liveness probe fails from the start: after {@code failureThreshold} failures, one per
   * {@code periodSeconds} once {@code initialDelaySeconds} have passed, the kubelet kills the container
   * ({@code Killing}: {@code Container <name> failed liveness probe, will be restarted}; {@code lastState}
   * {@code Error}, exit code 143 as for an app that exits on SIGTERM) and restarts it under the crash-loop
   * back-off, so repeated kills end in {@code CrashLoopBackOff}. A container without a livenessProbe is always
   * alive, so this has no effect on it.
   *
   * <pre>{@code
   * cluster.script().forImage("registry.example.com/shop/web:2.0").failLiveness();
   * }</pre>
   */
  public ContainerScript failLiveness() {
    rule.failLiveness();
    return this;
  }

  /**
   * Like {@link #failLiveness()}, but healthy for {@code after} after each start, then the liveness probe keeps
   * failing (a deadlock): killed at the {@code failureThreshold}-th failing probe.
   */
  public ContainerScript failLivenessAfter(Duration after) {
    rule.failLivenessAfter(after);
    return this;
  }

  /** The image cannot be pulled: {@code ErrImagePull}, then {@code ImagePullBackOff}. */
  public ContainerScript missingImage() {
    rule.missingImage();
    return this;
  }

  /**
   * Runs, and turns Ready only after {@code delay}. A startupProbe fails until then ({@code Startup probe failed}
   * Events, {@code started: false}) and succeeds at its first probe at or after {@code delay}; if its
   * {@code failureThreshold × periodSeconds} run out first, the kubelet kills and restarts the container.
   */
  public ContainerScript slowStart(Duration delay) {
    rule.slowStart(delay);
    return this;
  }

  /** Runs for {@code after}, then exits with {@code exitCode} (for Job pods). */
  public ContainerScript exitAfter(Duration after, int exitCode) {
    rule.exitAfter(after, exitCode);
    return this;
  }

  /** Back to the default behaviour. */
  public ContainerScript normal() {
    rule.normal();
    return this;
  }
}
