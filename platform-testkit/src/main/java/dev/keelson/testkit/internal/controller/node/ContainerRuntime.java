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
import java.util.function.Supplier;

/**
 * One simulated container inside the container runtime: its state machine (waiting → running → terminated →
 * restarted) on the virtual clock, with the kubelet's crash-loop and image-pull back-offs, restartCount and the
 * last termination. {@link PodRuntime} drives it in time order through {@link #nextEvent()} and {@link #fire}.
 * What the kubelet would record as Events on the way (image pulls, created, started, back-off, failed readiness
 * probes, stopping) collects in {@link #occurrences} until the kubelet records them.
 */
final class ContainerRuntime {

  /** The container state as the API shows it. */
  enum State { WAITING, RUNNING, TERMINATED }

  /** A finished run, for {@code state.terminated} and {@code lastState.terminated}. */
  record Termination(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt,
      String containerId) {
  }

  /**
   * A readiness probe's timing, and what a failed probe of its kind reports (the prober's message, such as
   * {@code HTTP probe failed with statuscode: 503}).
   */
  record Probe(long initialDelaySeconds, long periodSeconds, String failure) {
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

  final String name;
  final String image;
  final boolean init;
  private final Probe probe;
  private final Supplier<ContainerBehaviour> behaviours;
  private final String podUid;
  private final String pullPolicy;
  private final Images images;
  final List<Occurrence> occurrences = new ArrayList<>();
  /** The next readiness probe that fails, while the container runs and is not ready yet. */
  private Instant probeFailsAt;

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

  ContainerRuntime(String podUid, String name, String image, String pullPolicy, boolean init, Probe probe,
      String defaultReason, Supplier<ContainerBehaviour> behaviours, Images images) {
    this.podUid = podUid;
    this.name = name;
    this.image = image;
    this.pullPolicy = pullPolicy;
    this.init = init;
    this.probe = probe;
    this.behaviours = behaviours;
    this.images = images;
    this.waitingReason = defaultReason;
  }

  /** The next moment this container changes by itself (or the kubelet has something to record), or null. */
  Instant nextEvent() {
    return switch (state) {
      case WAITING -> pullBackOffAt != null ? pullBackOffAt : nextStart;
      case RUNNING -> probeFailsAt != null && (exitAt == null || probeFailsAt.isBefore(exitAt)) ? probeFailsAt
          : exitAt;
      case TERMINATED -> null;
    };
  }

  boolean ready(Instant now) {
    if (init) {
      return state == State.TERMINATED && terminated.exitCode() == 0;
    }
    return state == State.RUNNING && readyAt != null && !readyAt.isAfter(now);
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
    if (state == State.RUNNING && probeFailsAt != null && !probeFailsAt.isAfter(t)
        && (exitAt == null || probeFailsAt.isBefore(exitAt))) {
      probeFailed(t);
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
    readyAt = init ? null : readyAt(t, b);
    probeFailsAt = init || probe == null ? null : firstProbeFailure(t);
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

  /** The first probe after the initial delay, if it fails (it does until the container is ready). */
  private Instant firstProbeFailure(Instant started) {
    Instant first = started.plusSeconds(probe.initialDelaySeconds());
    return readyAt == null || first.isBefore(readyAt) ? first : null;
  }

  /** A failed readiness probe: the kubelet's {@code Unhealthy} Warning, and the next probe a period later. */
  private void probeFailed(Instant t) {
    occur(t, EventRecorder.WARNING, "Unhealthy", "Readiness probe failed: " + probe.failure());
    Instant next = probeFailsAt.plusSeconds(Math.max(1, probe.periodSeconds()));
    probeFailsAt = readyAt == null || next.isBefore(readyAt) ? next : null;
  }

  private void occur(Instant t, String type, String reason, String message) {
    occurrences.add(new Occurrence(t, type, reason, message));
  }

  private Instant readyAt(Instant started, ContainerBehaviour b) {
    if (b.neverReady()) {
      return null;
    }
    Instant earliest = started.plus(b.readyAfter());
    if (probe == null) {
      return earliest;
    }
    Instant probeAt = started.plusSeconds(probe.initialDelaySeconds());
    long period = Math.max(1, probe.periodSeconds());
    if (probeAt.isBefore(earliest)) {
      long gap = Duration.between(probeAt, earliest).toMillis();
      long periods = (gap + period * 1000 - 1) / (period * 1000);
      probeAt = probeAt.plusSeconds(periods * period);
    }
    return probeAt;
  }

  /** The container's process ends at {@code t}; decides restart and back-off like the kubelet. */
  void exit(Instant t, int code, String reason, String restartPolicy, String podRef) {
    terminated = new Termination(code, reason, null, startedAt, t, containerId);
    state = State.TERMINATED;
    exitAt = null;
    readyAt = null;
    probeFailsAt = null;
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
    probeFailsAt = null;
    if (state != State.RUNNING) {
      readyAt = null;
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
