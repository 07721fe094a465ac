package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.controller.EventRecorder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One simulated container inside the container runtime: its state machine (waiting → running → terminated →
 * restarted) on the virtual clock, with the kubelet's crash-loop and image-pull back-offs, restartCount and the
 * last termination. {@link PodRuntime} drives it in time order through {@link #nextEvent()} and {@link #fire}.
 * Liveness and startup probes kill it as the kubelet does ({@link FailingProbe}). What the kubelet would record
 * as Events on the way (image pulls, created, started, back-off, failed probes, stopping) collects in
 * {@link #occurrences} until the kubelet records them.
 */
final class ContainerRuntime {

  /** The container state as the API shows it. */
  enum State { WAITING, RUNNING, TERMINATED }

  /** A finished run, for {@code state.terminated} and {@code lastState.terminated}. */
  record Termination(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt,
      String containerId) {
  }

  /**
   * A probe's timing and threshold ({@code timeoutSeconds} and {@code successThreshold} play no part here), and
   * what a failed probe of its kind reports (the prober's message, such as
   * {@code HTTP probe failed with statuscode: 503}).
   */
  record Probe(long initialDelaySeconds, long periodSeconds, int failureThreshold, String failure) {

    long period() {
      return Math.max(1, periodSeconds);
    }

    /**
     * The first probe at or after {@code earliest}, among the probes at {@code started + initialDelaySeconds +
     * k × periodSeconds} for {@code k >= minK}. Liveness and startup probes run on the prober's ticker, so their
     * first probe comes a period after the initial delay ({@code minK} 1); the kubelet triggers a readiness probe
     * at once when the container starts ({@code minK} 0).
     */
    Instant probeAtOrAfter(Instant started, Instant earliest, long minK) {
      Instant at = started.plusSeconds(initialDelaySeconds + minK * period());
      if (at.isBefore(earliest)) {
        long gap = Duration.between(at, earliest).toMillis();
        long periods = (gap + period() * 1000 - 1) / (period() * 1000);
        at = at.plusSeconds(periods * period());
      }
      return at;
    }
  }

  /** Something the kubelet records as an Event about this container. */
  record Occurrence(Instant at, String type, String reason, String message) {
  }

  /** The node's image store: whether an image is there already (and from now on, it is). */
  interface Images {
    boolean presentElsePull(String image);
  }

  /** After an ErrImagePull, the kubelet's next sync shows ImagePullBackOff this much later. */
  static final Duration PULL_ERROR_VISIBLE = Duration.ofSeconds(1);

  /** Exit code of a container that stopped on SIGTERM: 128 + 15. */
  static final int SIGTERM_EXIT_CODE = 143;

  final String name;
  final String image;
  final boolean init;
  private final Probe readiness;
  private final Probe liveness;
  private final Probe startup;
  private final Supplier<ContainerBehaviour> behaviours;
  private final String podUid;
  private final String pullPolicy;
  private final Images images;
  final List<Occurrence> occurrences = new ArrayList<>();
  /** The probes of the current run that fail: startup (until it succeeds), readiness (until ready), liveness. */
  private final List<FailingProbe> failing = new ArrayList<>();

  State state = State.WAITING;
  String waitingReason;
  String waitingMessage;
  /** When waiting: the next start (or pull) attempt; null while blocked (behind init containers) or for good. */
  Instant nextStart;
  /** When the ErrImagePull shown now turns into ImagePullBackOff. */
  private Instant pullBackOffAt;
  private boolean backOffPending;
  Instant startedAt;
  Instant readyAt;
  /** When the current run's startup probe succeeds (its start without one); null if it never does. */
  Instant startupAt;
  private Instant exitAt;
  Termination terminated;
  Termination last;
  int restartCount;
  private int runs;
  String containerId;
  String imageId;
  private ContainerBehaviour behaviour;
  private final Backoff crash = new Backoff();
  private final Backoff pull = new Backoff();

  ContainerRuntime(String podUid, String name, String image, String pullPolicy, boolean init, Probe readiness,
      Probe liveness, Probe startup, String defaultReason, Supplier<ContainerBehaviour> behaviours, Images images) {
    this.podUid = podUid;
    this.name = name;
    this.image = image;
    this.pullPolicy = pullPolicy;
    this.init = init;
    this.readiness = readiness;
    this.liveness = liveness;
    this.startup = startup;
    this.behaviours = behaviours;
    this.images = images;
    this.waitingReason = defaultReason;
  }

  /** The next moment this container changes by itself (or the kubelet has something to record), or null. */
  Instant nextEvent() {
    return switch (state) {
      case WAITING -> pullBackOffAt != null ? pullBackOffAt : nextStart;
      case RUNNING -> {
        FailingProbe p = dueProbe();
        yield p != null ? p.next() : exitAt;
      }
      case TERMINATED -> null;
    };
  }

  boolean ready(Instant now) {
    if (init) {
      return state == State.TERMINATED && terminated.exitCode() == 0;
    }
    return state == State.RUNNING && readyAt != null && !readyAt.isAfter(now);
  }

  /** {@code containerStatuses[].started}: running, and its startup probe (if any) has succeeded. */
  boolean started(Instant now) {
    return state == State.RUNNING && startupAt != null && !startupAt.isAfter(now);
  }

  /** The next moment after {@code now} its {@code started} or {@code ready} flag turns true, or null. */
  Instant statusChangeAfter(Instant now) {
    if (state != State.RUNNING) {
      return null;
    }
    Instant next = null;
    for (Instant at : new Instant[] {startupAt, readyAt}) {
      if (at != null && at.isAfter(now) && (next == null || at.isBefore(next))) {
        next = at;
      }
    }
    return next;
  }

  /** The failing probe due first, if it comes before the container exits by itself. */
  private FailingProbe dueProbe() {
    FailingProbe due = null;
    for (FailingProbe p : failing) {
      if (p.next() != null && (due == null || p.next().isBefore(due.next()))) {
        due = p;
      }
    }
    return due != null && (exitAt == null || due.next().isBefore(exitAt)) ? due : null;
  }

  boolean succeeded() {
    return state == State.TERMINATED && terminated.exitCode() == 0;
  }

  /**
   * Applies the change due at {@code t}.
   *
   * @param restartPolicy the pod's restart policy
   * @return whether the container exited at {@code t}
   */
  boolean fire(Instant t, String restartPolicy, String podRef) {
    if (state == State.WAITING && pullBackOffAt != null && (nextStart == null || !nextStart.isBefore(pullBackOffAt))) {
      pullBackOffAt = null;
      waitingReason = "ImagePullBackOff";
      waitingMessage = "Back-off pulling image \"" + image + "\"";
      occur(t, EventRecorder.NORMAL, "BackOff", waitingMessage);
      occur(t, EventRecorder.WARNING, "Failed", "Error: ImagePullBackOff");
      return false;
    }
    if (state == State.WAITING) {
      start(t);
      return false;
    }
    FailingProbe due = state == State.RUNNING ? dueProbe() : null;
    if (due != null && !due.next().isAfter(t)) {
      occur(t, EventRecorder.WARNING, "Unhealthy", due.message());
      if (due.fail()) {
        killForProbe(t, due.kind, restartPolicy, podRef);
        return true;
      }
      return false;
    }
    if (state == State.RUNNING) {
      exit(t, behaviour.exitCode(), behaviour.exitReason(), restartPolicy, podRef);
      return true;
    }
    return false;
  }

  private void start(Instant t) {
    if (backOffPending) {
      crash.next(last.finishedAt());
      backOffPending = false;
    }
    ContainerBehaviour b = behaviours.get();
    if (b.missingImage()) {
      pull.next(t);
      waitingReason = "ErrImagePull";
      waitingMessage = pullError(image);
      occur(t, EventRecorder.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
      occur(t, EventRecorder.WARNING, "Failed", "Failed to pull image \"" + image + "\": " + waitingMessage);
      occur(t, EventRecorder.WARNING, "Failed", "Error: ErrImagePull");
      nextStart = pull.until(t);
      pullBackOffAt = t.plus(PULL_ERROR_VISIBLE).isBefore(nextStart) ? t.plus(PULL_ERROR_VISIBLE) : null;
      return;
    }
    pulled(t);
    occur(t, EventRecorder.NORMAL, "Created", "Container created");
    occur(t, EventRecorder.NORMAL, "Started", "Container started");
    if (runs > 0) {
      restartCount++;
    }
    runs++;
    behaviour = b;
    state = State.RUNNING;
    startedAt = t;
    waitingReason = null;
    waitingMessage = null;
    nextStart = null;
    pullBackOffAt = null;
    terminated = null;
    containerId = "containerd://" + sha256(podUid + "/" + name + "/" + runs);
    imageId = ImageNames.normalize(image).repository() + "@sha256:" + sha256(ImageNames.normalize(image).full());
    exitAt = b.runFor() == null ? null : t.plus(b.runFor());
    failing.clear();
    if (init) {
      readyAt = null;
      startupAt = t;
      return;
    }
    startupAt = startup == null ? t : startupSuccess(t, b);
    if (startup != null) {
      failing.add(FailingProbe.startup(startup, startup.probeAtOrAfter(t, t, 1), startupAt));
    }
    readyAt = startupAt == null ? null : readyAt(t, b, startupAt);
    if (readiness != null && startupAt != null) {
      failing.add(FailingProbe.readiness(readiness, readiness.probeAtOrAfter(t, startupAt, 0), readyAt));
    }
    if (liveness != null && startupAt != null && b.livenessFailsAfter() != null) {
      Instant hangs = t.plus(b.livenessFailsAfter());
      failing.add(FailingProbe.liveness(liveness,
          liveness.probeAtOrAfter(t, hangs.isAfter(startupAt) ? hangs : startupAt, 1)));
    }
  }

  /**
   * The startup probe succeeds at its first probe once the slow start is over, unless {@code failureThreshold}
   * probes have failed by then (null: it kills the container first).
   */
  private Instant startupSuccess(Instant started, ContainerBehaviour b) {
    Instant at = startup.probeAtOrAfter(started, started.plus(b.readyAfter()), 1);
    Instant last = started.plusSeconds(startup.initialDelaySeconds()
        + (long) Math.max(1, startup.failureThreshold()) * startup.period());
    return at.isAfter(last) ? null : at;
  }

  /**
   * The kubelet kills a container whose liveness or startup probe failed {@code failureThreshold} times
   * ({@code computePodActions}, {@code kuberuntime_manager.go}) and starts it again unless the restart policy is
   * Never. The simulated app exits on SIGTERM at once: exit code 143 (128 + SIGTERM), reason {@code Error}.
   */
  private void killForProbe(Instant t, String kind, String restartPolicy, String podRef) {
    boolean restart = !restartPolicy.equals("Never");
    occur(t, EventRecorder.NORMAL, "Killing", "Container " + name + " failed " + kind.toLowerCase(Locale.ROOT)
        + " probe" + (restart ? ", will be restarted" : ""));
    exit(t, SIGTERM_EXIT_CODE, "Error", restartPolicy, podRef);
  }

  /** The kubelet's image manager: pull unless the policy and the node's store say the image is there. */
  private void pulled(Instant t) {
    boolean present = switch (pullPolicy) {
      case "Never" -> true;
      case "IfNotPresent" -> images.presentElsePull(image);
      default -> {
        images.presentElsePull(image);
        yield false;
      }
    };
    if (present) {
      occur(t, EventRecorder.NORMAL, "Pulled", "Container image \"" + image
          + "\" already present on machine and can be accessed by the pod");
    } else {
      // Pulls take no time here, and the simulation has no image sizes.
      occur(t, EventRecorder.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
      occur(t, EventRecorder.NORMAL, "Pulled", "Successfully pulled image \"" + image
          + "\" in 0s (0s including waiting). Image size: 0 bytes.");
    }
  }

  private void occur(Instant t, String type, String reason, String message) {
    occurrences.add(new Occurrence(t, type, reason, message));
  }

  /** Ready at the first readiness probe once the slow start is over and the startup probe has succeeded. */
  private Instant readyAt(Instant started, ContainerBehaviour b, Instant startupSucceeded) {
    if (b.neverReady()) {
      return null;
    }
    Instant earliest = started.plus(b.readyAfter());
    if (startupSucceeded.isAfter(earliest)) {
      earliest = startupSucceeded;
    }
    return readiness == null ? earliest : readiness.probeAtOrAfter(started, earliest, 0);
  }

  /** The container's process ends at {@code t}; decides restart and back-off like the kubelet. */
  void exit(Instant t, int code, String reason, String restartPolicy, String podRef) {
    terminated = new Termination(code, reason, null, startedAt, t, containerId);
    state = State.TERMINATED;
    exitAt = null;
    readyAt = null;
    startupAt = null;
    failing.clear();
    boolean restart = switch (restartPolicy) {
      case "Never" -> false;
      case "OnFailure" -> code != 0;
      default -> !init || code != 0;
    };
    if (!restart) {
      return;
    }
    last = terminated;
    if (crash.inBackOffSince(t, t)) {
      state = State.WAITING;
      terminated = null;
      waitingReason = "CrashLoopBackOff";
      waitingMessage = "back-off " + GoDuration.format(crash.current()) + " restarting failed container=" + name
          + " pod=" + podRef;
      nextStart = crash.until(t);
      backOffPending = true;
      occur(t, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container " + name + " in pod "
          + podRef);
    } else {
      crash.next(t);
      state = State.WAITING;
      terminated = null;
      nextStart = t;
    }
  }

  /** The pod is being deleted (or is finished): the container stops for good at {@code t}. */
  void kill(Instant t) {
    switch (state) {
      case RUNNING -> {
        occur(t, EventRecorder.NORMAL, "Killing", "Stopping container " + name);
        terminated = new Termination(0, "Completed", null, startedAt, t, containerId);
      }
      case WAITING -> terminated = last != null ? last : new Termination(137, "ContainerStatusUnknown",
          "The container could not be located when the pod was terminated", null, null, null);
      default -> {
      }
    }
    if (state == State.WAITING && last != null) {
      last = null;
    }
    state = State.TERMINATED;
    stopTimers();
  }

  /** No further changes (the pod reached a terminal phase). */
  void stopTimers() {
    nextStart = null;
    pullBackOffAt = null;
    exitAt = null;
    failing.clear();
    if (state != State.RUNNING) {
      readyAt = null;
      startupAt = null;
    }
  }

  private static String pullError(String image) {
    String ref = ImageNames.normalize(image).full();
    return "rpc error: code = NotFound desc = failed to pull and unpack image \"" + ref
        + "\": failed to resolve reference \"" + ref + "\": " + ref + ": not found";
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
