package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.EventRecorder;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compact Job controller (batch/v1, NonIndexed): creates pods ({@code generateName <job>-}, the
 * {@code batch.kubernetes.io/controller-uid}/{@code job-name} labels and a controller ownerReference) up to
 * parallelism, counts succeeded and failed pods (monotonically, remembered in memory — no tracking finalizer),
 * delays replacements after failures (10 s doubling, capped at 10 min), and finishes with
 * {@code SuccessCriteriaMet} + {@code Complete} ({@code CompletionsReached}) or {@code FailureTarget} + {@code Failed}
 * ({@code BackoffLimitExceeded}, {@code DeadlineExceeded}), deleting active pods on failure. Suspend, Indexed mode,
 * pod failure policies and per-index back-off limits are not simulated. Unset fields take the API defaults
 * (completions/parallelism 1, backoffLimit 6).
 */
public final class JobController implements Controller {

  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  private static final Duration BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private final ApiServer api;
  private final ClusterState state;
  private final ResourceType jobs;
  private final ResourceType pods;
  private final Wakeups wakeups = new Wakeups();
  private final EventRecorder events;
  /** Pod uids counted as succeeded / failed per job uid, so counts never go down when pods are deleted. */
  private final Map<String, Set<String>> succeeded = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> failed = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

  JobController(ApiServer api, ClusterState state) {
    this.api = api;
    this.state = state;
    this.jobs = api.type("batch/v1", "Job");
    this.pods = api.type("v1", "Pod");
    this.events = new EventRecorder(api, "job-controller");
  }

  @Override
  public String name() {
    return "job-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    state.observe(event);
    ResourceType t = event.resource();
    ObjectNode o = event.object();
    String ns = Json.text(o, "metadata", "namespace");
    if (t.group().equals("batch") && t.kind().equals("Job")) {
      queue.add(ns + "/" + Json.text(o, "metadata", "name"));
    } else if (ClusterState.isPods(t)) {
      for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
        if ("Job".equals(ref.path("kind").asString("")) && ref.path("controller").asBoolean(false)) {
          queue.add(ns + "/" + ref.path("name").asString(""));
        }
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode job = api.store().get(jobs, ns, name);
    if (job == null) {
      wakeups.forget(key);
      return Optional.empty();
    }
    try {
      return sync(key, ns, job);
    } catch (ApiException e) {
      if (e.code() == 409 || e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<Duration> sync(String key, String ns, ObjectNode job) {
    Instant now = api.store().clock().instant();
    String uid = Json.text(job, "metadata", "uid");
    ObjectNode status = job.has("status") && job.get("status").isObject() ? ((ObjectNode) job.get("status")).deepCopy()
        : Json.object();
    if (finished(status)) {
      return Optional.empty();
    }
    JsonNode spec = job.path("spec");
    int parallelism = spec.path("parallelism").asInt(1);
    boolean completionsSet = spec.hasNonNull("completions");
    int completions = spec.path("completions").asInt(1);
    int backoffLimit = spec.path("backoffLimit").asInt(6);
    String restartPolicy = spec.path("template").path("spec").path("restartPolicy").asString("Never");
    Set<String> ok = succeeded.computeIfAbsent(uid, u -> ConcurrentHashMap.newKeySet());
    Set<String> bad = failed.computeIfAbsent(uid, u -> ConcurrentHashMap.newKeySet());
    List<ObjectNode> active = new ArrayList<>();
    int ready = 0;
    int restarts = 0;
    for (ObjectStore.ObjectRef ref : api.store().dependents(uid)) {
      if (!ClusterState.isPods(ref.type())) {
        continue;
      }
      ObjectNode pod = state.podObject(ref.namespace() + "/" + ref.name());
      if (pod == null) {
        continue;
      }
      String podUid = Json.text(pod, "metadata", "uid");
      String phase = pod.path("status").path("phase").asString("");
      for (JsonNode c : pod.path("status").path("containerStatuses")) {
        restarts += c.path("restartCount").asInt(0);
      }
      if (phase.equals("Succeeded")) {
        ok.add(podUid);
      } else if (phase.equals("Failed")) {
        if (bad.add(podUid)) {
          lastFailure.put(uid, now);
        }
      } else if (!pod.path("metadata").has("deletionTimestamp")) {
        active.add(pod);
        JsonNode readyCondition = readyCondition(pod);
        if (readyCondition != null && "True".equals(readyCondition.path("status").asString(""))) {
          ready++;
        }
      }
    }
    if (!status.hasNonNull("startTime")) {
      status.put("startTime", ObjectStore.timestamp(now));
    }
    Instant start = Instant.parse(status.get("startTime").asString());
    Instant wake = null;
    String failReason = null;
    String failMessage = null;
    int failures = bad.size();
    if (failures > backoffLimit || (restartPolicy.equals("OnFailure") && restarts > backoffLimit)) {
      failReason = "BackoffLimitExceeded";
      failMessage = "Job has reached the specified backoff limit";
    } else if (spec.hasNonNull("activeDeadlineSeconds")) {
      Instant deadline = start.plusSeconds(spec.get("activeDeadlineSeconds").asLong());
      if (!now.isBefore(deadline)) {
        failReason = "DeadlineExceeded";
        failMessage = "Job was active longer than specified deadline";
      } else {
        wake = deadline;
      }
    }
    int created = 0;
    boolean complete = failReason == null && (completionsSet ? ok.size() >= completions
        : !ok.isEmpty() && active.isEmpty());
    if (failReason != null || complete) {
      for (ObjectNode pod : active) {
        String podName = Json.text(pod, "metadata", "name");
        api.delete(pods, ns, podName, null, false);
        events.normal(job, "SuccessfulDelete", "Deleted pod: " + podName);
      }
      active.clear();
      ready = 0;
    } else {
      int want = Math.min(parallelism, (completionsSet ? completions : 1) - ok.size()) - active.size();
      if (!completionsSet && !ok.isEmpty()) {
        want = 0;
      }
      Instant allowed = failures == 0 ? now : lastFailure.getOrDefault(uid, now).plus(backoff(failures));
      if (want > 0 && allowed.isAfter(now)) {
        wake = wake == null || allowed.isBefore(wake) ? allowed : wake;
        want = 0;
      }
      for (int i = 0; i < want; i++) {
        createPod(job, ns, uid);
      }
      created = Math.max(0, want);
    }
    status.put("active", active.size() + created);
    status.put("ready", ready);
    status.put("succeeded", ok.size());
    status.put("failed", failures);
    status.put("terminating", 0);
    status.putObject("uncountedTerminatedPods");
    String ts = ObjectStore.timestamp(now);
    if (failReason != null) {
      addCondition(status, "FailureTarget", failReason, failMessage, ts);
      addCondition(status, "Failed", failReason, failMessage, ts);
    } else if (complete) {
      addCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods",
          ts);
      addCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", ts);
      status.put("completionTime", ts);
    }
    if (!status.equals(job.get("status"))) {
      ObjectNode write = Json.object();
      Json.metadata(write).put("name", Json.text(job, "metadata", "name"));
      write.set("status", status);
      api.updateStatus(jobs, ns, write, NodeLifecycleController.MANAGER, false);
      if (failReason != null) {
        events.warning(job, failReason, failMessage);
      } else if (complete) {
        events.normal(job, "Completed", "Job completed");
      }
    }
    return wakeups.requeue(key, failReason != null || complete ? null : wake, now);
  }

  private static Duration backoff(int failures) {
    Duration d = BACKOFF;
    for (int i = 1; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static JsonNode readyCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString(""))) {
        return c;
      }
    }
    return null;
  }

  private static boolean finished(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      String type = c.path("type").asString("");
      if ((type.equals("Complete") || type.equals("Failed")) && "True".equals(c.path("status").asString(""))) {
        return true;
      }
    }
    return false;
  }

  private static void addCondition(ObjectNode status, String type, String reason, String message, String ts) {
    ArrayNode list = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    for (JsonNode c : list) {
      if (type.equals(c.path("type").asString(""))) {
        return;
      }
    }
    ObjectNode c = list.addObject();
    c.put("type", type);
    c.put("status", "True");
    c.put("lastProbeTime", ts);
    c.put("lastTransitionTime", ts);
    c.put("reason", reason);
    c.put("message", message);
  }

  private void createPod(ObjectNode job, String ns, String uid) {
    String name = Json.text(job, "metadata", "name");
    ObjectNode template = job.path("spec").path("template").isObject()
        ? ((ObjectNode) job.path("spec").path("template")).deepCopy() : Json.object();
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    JsonNode templateMeta = template.path("metadata");
    if (templateMeta.isObject()) {
      meta.setAll((ObjectNode) templateMeta);
    }
    meta.remove("name");
    meta.put("generateName", name + "-");
    ObjectNode labels = meta.withObject("labels");
    labels.put(CONTROLLER_UID, uid);
    labels.put(JOB_NAME, name);
    labels.put("controller-uid", uid);
    labels.put("job-name", name);
    ObjectNode ref = meta.putArray("ownerReferences").addObject();
    ref.put("apiVersion", "batch/v1");
    ref.put("kind", "Job");
    ref.put("name", name);
    ref.put("uid", uid);
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    pod.set("spec", template.path("spec").isObject() ? template.get("spec") : Json.object());
    ObjectNode created = api.createStored(pods, ns, pod, NodeLifecycleController.MANAGER, false);
    events.normal(job, "SuccessfulCreate", "Created pod: " + Json.text(created, "metadata", "name"));
  }
}
