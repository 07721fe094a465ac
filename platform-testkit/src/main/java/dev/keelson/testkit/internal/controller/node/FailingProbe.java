package dev.keelson.testkit.internal.controller.node;

import java.time.Instant;

/**
 * The failing runs of one probe of a running container, on the virtual clock. The kubelet's prober records an
 * {@code Unhealthy} Warning for each ({@code "<Kind> probe failed: <prober output>"}, {@code prober.go}); a
 * liveness or startup probe has the container killed at its {@code failureThreshold}-th consecutive failure
 * ({@code worker.go}). Only probes that fail are scheduled, so a healthy container costs no wake-ups.
 */
final class FailingProbe {

  /** {@code Readiness}, {@code Liveness} or {@code Startup}, as the prober names the probe type. */
  final String kind;
  private final ContainerRuntime.Probe probe;
  /** From here on the probe succeeds; null if it keeps failing. */
  private final Instant until;
  private final boolean kills;
  private Instant next;
  private int failures;

  private FailingProbe(String kind, ContainerRuntime.Probe probe, Instant first, Instant until, boolean kills) {
    this.kind = kind;
    this.probe = probe;
    this.until = until;
    this.kills = kills;
    this.next = until == null || first.isBefore(until) ? first : null;
  }

  /** A readiness probe failing from {@code first} until the container is ready at {@code until} (or forever). */
  static FailingProbe readiness(ContainerRuntime.Probe probe, Instant first, Instant until) {
    return new FailingProbe("Readiness", probe, first, until, false);
  }

  /** A startup probe failing from {@code first} until it succeeds at {@code until}, or until it kills. */
  static FailingProbe startup(ContainerRuntime.Probe probe, Instant first, Instant until) {
    return new FailingProbe("Startup", probe, first, until, true);
  }

  /** A liveness probe failing from {@code first} on, until it kills. */
  static FailingProbe liveness(ContainerRuntime.Probe probe, Instant first) {
    return new FailingProbe("Liveness", probe, first, null, true);
  }

  /** The next failing probe, or null when no more fail. */
  Instant next() {
    return next;
  }

  /** The {@code Unhealthy} Event's message. */
  String message() {
    return kind + " probe failed: " + probe.failure();
  }

  /** The probe due at {@link #next()} fails; returns whether this failure has the kubelet kill the container. */
  boolean fail() {
    failures++;
    if (kills && failures >= Math.max(1, probe.failureThreshold())) {
      next = null;
      return true;
    }
    Instant after = next.plusSeconds(probe.period());
    next = until == null || after.isBefore(until) ? after : null;
    return false;
  }
}
