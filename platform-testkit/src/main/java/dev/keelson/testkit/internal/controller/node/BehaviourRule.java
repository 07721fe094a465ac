package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted behaviour, for containers of one image (exact reference or repository without tag) or for every
 * container of pods matching a label selector. Each method refines the behaviour and returns this rule, so
 * calls combine: {@code forImage("shop/api").slowStart(ofSeconds(20)).oomAfter(ofMinutes(5))}.
 */
public final class BehaviourRule {

  private final Behaviours.Matcher matcher;
  private volatile ContainerBehaviour behaviour = ContainerBehaviour.NORMAL;

  BehaviourRule(Behaviours.Matcher matcher) {
    this.matcher = matcher;
  }

  Behaviours.Matcher matcher() {
    return matcher;
  }

  /** The behaviour this rule currently describes. */
  public ContainerBehaviour behaviour() {
    return behaviour;
  }

  /**
   * The container exits with code 1 right after it starts ({@code Error}); the kubelet restarts it with back-off,
   * so it shows {@code CrashLoopBackOff} and its restartCount grows on the 10 s, 20 s, 40 s ... 300 s schedule.
   */
  public BehaviourRule crashLoop() {
    return crashLoop(Duration.ZERO);
  }

  /** Like {@link #crashLoop()}, but each run lasts {@code runFor} before the container exits with code 1. */
  public BehaviourRule crashLoop(Duration runFor) {
    return set(behaviour.withExit(nonNegative(runFor), 1));
  }

  /** The container runs for {@code after}, then is OOM-killed ({@code OOMKilled}, exit code 137) and restarted. */
  public BehaviourRule oomAfter(Duration after) {
    return set(behaviour.withOomKill(nonNegative(after)));
  }

  /** The container runs but its readiness never succeeds ({@code ContainersNotReady}). */
  public BehaviourRule failReadiness() {
    return set(behaviour.withNeverReady());
  }

  /**
   * The container's liveness probe fails from its start on: after {@code failureThreshold} failed probes the
   * kubelet kills it ({@code Error}, exit code 143) and restarts it with the crash-loop back-off. No effect on a
   * container without a livenessProbe.
   */
  public BehaviourRule failLiveness() {
    return failLivenessAfter(Duration.ZERO);
  }

  /** Like {@link #failLiveness()}, but the liveness probe succeeds for {@code after} after each start (a hang). */
  public BehaviourRule failLivenessAfter(Duration after) {
    return set(behaviour.withLivenessFailingAfter(nonNegative(after)));
  }

  /** The image cannot be pulled: {@code ErrImagePull}, then {@code ImagePullBackOff} with back-off. */
  public BehaviourRule missingImage() {
    return set(behaviour.withMissingImage());
  }

  /**
   * The container runs at once but is ready only {@code delay} after it started; a readiness probe's
   * {@code initialDelaySeconds}/{@code periodSeconds} still apply (ready at the first probe at or after it).
   */
  public BehaviourRule slowStart(Duration delay) {
    return set(behaviour.withReadyAfter(nonNegative(delay)));
  }

  /** The container exits by itself {@code after} its start with {@code exitCode} (0 → {@code Completed}). */
  public BehaviourRule exitAfter(Duration after, int exitCode) {
    return set(behaviour.withExit(nonNegative(after), exitCode));
  }

  /** Back to the default: pulls, runs until stopped, ready per its probe. */
  public BehaviourRule normal() {
    return set(ContainerBehaviour.NORMAL);
  }

  private BehaviourRule set(ContainerBehaviour b) {
    this.behaviour = b;
    return this;
  }

  private static Duration nonNegative(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + d);
    }
    return d;
  }
}
