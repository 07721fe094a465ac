package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One pod on a simulated node: its sandbox (pod IP, start time), init containers run one after the other, then
 * the regular containers, all advanced in time order on the virtual clock; and the phase ({@code getPhase}),
 * which never leaves Succeeded or Failed.
 */
final class PodRuntime {

  final String uid;
  final String namespace;
  final String name;
  final String nodeName;
  final String restartPolicy;
  final List<ContainerRuntime> initContainers = new ArrayList<>();
  final List<ContainerRuntime> containers = new ArrayList<>();
  final List<String> readinessGates = new ArrayList<>();
  final Instant startTime;
  final String podIp;
  final String hostIp;
  final int nodeIndex;
  /** The pod as Events refer to it, kept for the Events of its end after it is gone from the store. */
  final ObjectNode involved;
  private int initDone;
  private String terminalPhase;
  boolean deleting;

  PodRuntime(ObjectNode pod, Instant now, String hostIp, int nodeIndex, String podIp, Behaviours behaviours,
      ContainerRuntime.Images images) {
    this.uid = Json.text(pod, "metadata", "uid");
    this.namespace = Json.text(pod, "metadata", "namespace");
    this.name = Json.text(pod, "metadata", "name");
    JsonNode spec = pod.path("spec");
    this.nodeName = spec.path("nodeName").asString("");
    this.restartPolicy = spec.path("restartPolicy").asString("Always");
    this.startTime = now;
    this.hostIp = hostIp;
    this.nodeIndex = nodeIndex;
    this.podIp = podIp;
    this.involved = Json.object();
    involved.put("apiVersion", "v1");
    involved.put("kind", "Pod");
    ObjectNode meta = involved.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("uid", uid);
    meta.put("resourceVersion", Json.text(pod, "metadata", "resourceVersion"));
    Map<String, String> labels = Json.labels(pod);
    boolean hasInit = spec.path("initContainers").size() > 0;
    String defaultReason = hasInit ? "PodInitializing" : "ContainerCreating";
    for (JsonNode c : spec.path("initContainers")) {
      initContainers.add(container(c, true, defaultReason, labels, behaviours, images));
    }
    for (JsonNode c : spec.path("containers")) {
      containers.add(container(c, false, defaultReason, labels, behaviours, images));
    }
    for (JsonNode g : spec.path("readinessGates")) {
      readinessGates.add(g.path("conditionType").asString(""));
    }
    if (initContainers.isEmpty()) {
      containers.forEach(c -> c.nextStart = now);
    } else {
      initContainers.get(0).nextStart = now;
    }
  }

  private ContainerRuntime container(JsonNode c, boolean init, String defaultReason, Map<String, String> labels,
      Behaviours behaviours, ContainerRuntime.Images images) {
    String image = c.path("image").asString("");
    String pullPolicy = c.path("imagePullPolicy").asString(defaultPullPolicy(image));
    return new ContainerRuntime(uid, c.path("name").asString(""), image, pullPolicy, init,
        probe(c.get("readinessProbe"), 503), probe(c.get("livenessProbe"), 500), probe(c.get("startupProbe"), 503),
        defaultReason, () -> behaviours.behaviourFor(image, labels, init), images);
  }

  /** The API server's default: {@code Always} for {@code :latest} or no tag, {@code IfNotPresent} otherwise. */
  static String defaultPullPolicy(String image) {
    String full = ImageNames.normalize(image).full();
    return !full.contains("@") && full.endsWith(":latest") ? "Always" : "IfNotPresent";
  }

  /** A probe of the container spec with the API defaults (10 s period, failure threshold 3), or null. */
  private ContainerRuntime.Probe probe(JsonNode p, int httpStatus) {
    if (p == null || !p.isObject()) {
      return null;
    }
    return new ContainerRuntime.Probe(p.path("initialDelaySeconds").asLong(0), p.path("periodSeconds").asLong(10),
        p.path("failureThreshold").asInt(3), probeFailure(p, httpStatus));
  }

  /**
   * What the kubelet's prober reports when a probe of this kind fails: an HTTP probe sees {@code httpStatus}
   * (503 from an app not ready or still starting, 500 from one that is unhealthy).
   */
  private String probeFailure(JsonNode probe, int httpStatus) {
    if (probe.has("httpGet")) {
      return "HTTP probe failed with statuscode: " + httpStatus;
    }
    if (probe.has("tcpSocket")) {
      return "dial tcp " + podIp + ":" + probe.path("tcpSocket").path("port").asString("")
          + ": connect: connection refused";
    }
    if (probe.has("grpc")) {
      return "service unhealthy (responded with \"NOT_SERVING\")";
    }
    // exec: the command's output, which a failing check usually leaves empty.
    return "";
  }

  /** The container events due since the last call, oldest first, with the field path naming each container. */
  List<Map.Entry<String, ContainerRuntime.Occurrence>> drainOccurrences() {
    List<Map.Entry<String, ContainerRuntime.Occurrence>> out = new ArrayList<>();
    for (ContainerRuntime c : all()) {
      String fieldPath = (c.init ? "spec.initContainers{" : "spec.containers{") + c.name + "}";
      c.occurrences.forEach(o -> out.add(Map.entry(fieldPath, o)));
      c.occurrences.clear();
    }
    out.sort(Comparator.comparing(e -> e.getValue().at()));
    return out;
  }

  /** {@code <name>_<namespace>(<uid>)}, as the kubelet names pods in messages. */
  String podRef() {
    return name + "_" + namespace + "(" + uid + ")";
  }

  /** Applies every change due up to {@code now}; returns the next moment the status will change, or null. */
  Instant advance(Instant now) {
    for (int guard = 0; guard < 100_000; guard++) {
      ContainerRuntime due = null;
      Instant at = null;
      for (ContainerRuntime c : all()) {
        Instant e = c.nextEvent();
        if (e != null && (at == null || e.isBefore(at))) {
          at = e;
          due = c;
        }
      }
      if (due == null || at.isAfter(now)) {
        return settle(now);
      }
      boolean exited = due.fire(at, restartPolicy, podRef());
      if (exited && due.init && due.succeeded()) {
        initDone++;
        if (initDone < initContainers.size()) {
          initContainers.get(initDone).nextStart = at;
        } else {
          for (ContainerRuntime c : containers) {
            c.nextStart = at;
          }
        }
      }
      if (phase().equals("Failed") || phase().equals("Succeeded")) {
        terminalPhase = phase();
        all().forEach(ContainerRuntime::stopTimers);
      }
    }
    throw new IllegalStateException("pod " + namespace + "/" + name + " keeps changing at one instant");
  }

  private Instant settle(Instant now) {
    Instant next = null;
    for (ContainerRuntime c : all()) {
      Instant e = c.nextEvent();
      Instant change = c.statusChangeAfter(now);
      if (change != null && (e == null || change.isBefore(e))) {
        e = change;
      }
      if (e != null && (next == null || e.isBefore(next))) {
        next = e;
      }
    }
    return next;
  }

  /** Deletion requested: every container stops now and the pod turns terminal. */
  void terminate(Instant now) {
    deleting = true;
    all().forEach(c -> c.kill(now));
    terminalPhase = phase();
  }

  List<ContainerRuntime> all() {
    List<ContainerRuntime> out = new ArrayList<>(initContainers.size() + containers.size());
    out.addAll(initContainers);
    out.addAll(containers);
    return out;
  }

  boolean initialized() {
    return initDone >= initContainers.size();
  }

  /** The kubelet's {@code getPhase}. */
  String phase() {
    if (terminalPhase != null) {
      return terminalPhase;
    }
    for (ContainerRuntime c : initContainers) {
      if (restartPolicy.equals("Never") && c.state == ContainerRuntime.State.TERMINATED
          && c.terminated.exitCode() != 0) {
        return "Failed";
      }
    }
    int running = 0;
    int stopped = 0;
    int succeeded = 0;
    int waiting = 0;
    for (ContainerRuntime c : containers) {
      switch (c.state) {
        case RUNNING -> running++;
        case TERMINATED -> {
          stopped++;
          if (c.terminated.exitCode() == 0) {
            succeeded++;
          }
        }
        default -> {
          if (c.last != null) {
            stopped++;
          } else {
            waiting++;
          }
        }
      }
    }
    if (!deleting && (!initialized() || waiting > 0)) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      if (deleting) {
        return stopped == succeeded ? "Succeeded" : "Failed";
      }
      if (restartPolicy.equals("Always")) {
        return "Running";
      }
      if (stopped == succeeded) {
        return "Succeeded";
      }
      return restartPolicy.equals("Never") ? "Failed" : "Running";
    }
    return "Pending";
  }
}
