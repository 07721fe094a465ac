package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.core.validation.CronSchedule;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.ControllerManager;
import dev.keelson.testkit.internal.controller.EventRecorder;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CronJob controller on the virtual clock: creates a Job at each schedule time (named
 * {@code <cronjob>-<minutes since the epoch>} as Kubernetes names them), honours {@code concurrencyPolicy},
 * {@code startingDeadlineSeconds} and {@code suspend}, keeps {@code status.active}, {@code lastScheduleTime} and
 * {@code lastSuccessfulTime}, and trims finished Jobs to the history limits.
 */
public final class CronJobController implements Controller {

  static final String SCHEDULED_AT = "batch.kubernetes.io/cronjob-scheduled-timestamp";
  private static final String MANAGER = "kube-controller-manager";
  /** Kubernetes gives up on a CronJob that missed more starts than this since its last schedule. */
  private static final int MAX_MISSED = 100;

  private final ApiServer api;
  private final ObjectStore store;
  private final ResourceType cronJobs;
  private final ResourceType jobs;
  private final EventRecorder events;

  /** Registers the CronJob controller. */
  public static CronJobController install(ControllerManager manager, ApiServer api) {
    CronJobController controller = new CronJobController(api);
    manager.register(controller);
    return controller;
  }

  CronJobController(ApiServer api) {
    this.api = api;
    this.store = api.store();
    this.cronJobs = api.type("batch/v1", "CronJob");
    this.jobs = api.type("batch/v1", "Job");
    this.events = new EventRecorder(api, "cronjob-controller");
  }

  @Override
  public String name() {
    return "cronjob";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    String ns = Json.text(event.object(), "metadata", "namespace");
    if (event.resource().sameResource(cronJobs)) {
      queue.add(ns + "/" + Json.text(event.object(), "metadata", "name"));
    } else if (event.resource().sameResource(jobs)) {
      String owner = ControllerRefs.controllerName(event.object(), "CronJob");
      if (owner != null) {
        queue.add(ns + "/" + owner);
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode cronJob = store.get(cronJobs, ns, key.substring(slash + 1));
    if (cronJob == null || cronJob.path("metadata").has("deletionTimestamp")) {
      return Optional.empty();
    }
    String uid = Json.text(cronJob, "metadata", "uid");
    List<ObjectNode> owned = new ArrayList<>();
    for (ObjectStore.ObjectRef ref : store.dependents(uid)) {
      if (ref.type().sameResource(jobs)) {
        ObjectNode job = store.get(jobs, ref.namespace(), ref.name());
        if (job != null && ControllerRefs.isControlledBy(job, uid)) {
          owned.add(job);
        }
      }
    }
    JsonNode spec = cronJob.path("spec");
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(spec.path("schedule").asString(""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    ZoneId zone = spec.hasNonNull("timeZone") ? ZoneId.of(spec.path("timeZone").asString()) : ZoneOffset.UTC;
    Instant now = store.clock().instant();
    String lastText = cronJob.path("status").path("lastScheduleTime").asString(null);
    Instant last = Instant.parse(lastText != null ? lastText : Json.text(cronJob, "metadata", "creationTimestamp"));

    Instant due = null;
    int missed = 0;
    ZonedDateTime cursor = schedule.next(last.atZone(zone));
    while (cursor != null && !cursor.toInstant().isAfter(now) && missed <= MAX_MISSED) {
      due = cursor.toInstant();
      missed++;
      cursor = schedule.next(cursor);
    }
    Instant lastScheduled = lastText == null ? null : last;
    sawCompleted(cronJob, owned);
    List<ObjectNode> active = owned.stream().filter(j -> !finished(j)).toList();
    if (due != null && !spec.path("suspend").asBoolean(false) && missed <= MAX_MISSED && withinDeadline(spec, due,
        now)) {
      String policy = spec.path("concurrencyPolicy").asString("Allow");
      if (policy.equals("Forbid") && !active.isEmpty()) {
        events.normal(cronJob, "JobAlreadyActive",
            "Not starting job because prior execution is running and concurrency policy is Forbid");
      } else {
        if (policy.equals("Replace")) {
          for (ObjectNode job : active) {
            deleteJob(cronJob, job);
          }
          active = List.of();
        }
        ObjectNode job = createJob(cronJob, due);
        if (job != null) {
          List<ObjectNode> nowActive = new ArrayList<>(active);
          nowActive.add(job);
          active = nowActive;
        }
        lastScheduled = due;
      }
    }
    trimHistory(ns, owned);
    writeStatus(cronJob, active, lastScheduled, owned);
    ZonedDateTime next = schedule.next(now.atZone(zone));
    return next == null ? Optional.empty()
        : Optional.of(Duration.between(now, next.toInstant()).plusMillis(1));
  }

  private static boolean withinDeadline(JsonNode spec, Instant due, Instant now) {
    return !spec.hasNonNull("startingDeadlineSeconds")
        || !now.isAfter(due.plusSeconds(spec.path("startingDeadlineSeconds").asLong()));
  }

  private ObjectNode createJob(ObjectNode cronJob, Instant scheduled) {
    String ns = Json.text(cronJob, "metadata", "namespace");
    String name = Json.text(cronJob, "metadata", "name") + "-" + scheduled.getEpochSecond() / 60;
    ObjectNode job = Json.object();
    job.put("apiVersion", "batch/v1");
    job.put("kind", "Job");
    ObjectNode meta = job.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", ns);
    JsonNode template = cronJob.path("spec").path("jobTemplate");
    ObjectNode labels = meta.putObject("labels");
    Json.stringMap(template.path("metadata").get("labels")).forEach(labels::put);
    ObjectNode annotations = meta.putObject("annotations");
    Json.stringMap(template.path("metadata").get("annotations")).forEach(annotations::put);
    annotations.put(SCHEDULED_AT, ObjectStore.timestamp(scheduled));
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(cronJob, "batch/v1", "CronJob"));
    job.set("spec", template.path("spec").deepCopy());
    try {
      ObjectNode created = api.create(jobs, ns, job, MANAGER, false);
      events.normal(cronJob, "SuccessfulCreate", "Created job " + name);
      return created;
    } catch (ApiException e) {
      // AlreadyExists: this schedule time was already handled.
      return e.code() == 409 ? store.get(jobs, ns, name) : null;
    }
  }

  private void trimHistory(String ns, List<ObjectNode> owned) {
    // Limits are read fresh: the CronJob may have changed since the list was taken.
    if (owned.isEmpty()) {
      return;
    }
    String owner = ControllerRefs.controllerName(owned.get(0), "CronJob");
    ObjectNode cronJob = store.get(cronJobs, ns, owner);
    if (cronJob == null) {
      return;
    }
    trim(cronJob, owned, "Complete", cronJob.path("spec").path("successfulJobsHistoryLimit").asInt(3));
    trim(cronJob, owned, "Failed", cronJob.path("spec").path("failedJobsHistoryLimit").asInt(1));
  }

  private void trim(ObjectNode cronJob, List<ObjectNode> owned, String condition, int limit) {
    List<ObjectNode> done = new ArrayList<>(owned.stream().filter(j -> hasCondition(j, condition)).toList());
    done.sort(Comparator.comparing(j -> Json.text(j, "metadata", "creationTimestamp")));
    for (int i = 0; i < done.size() - limit; i++) {
      deleteJob(cronJob, done.get(i));
    }
  }

  private void deleteJob(ObjectNode cronJob, ObjectNode job) {
    String name = Json.text(job, "metadata", "name");
    api.delete(jobs, Json.text(job, "metadata", "namespace"), name, "Background", false);
    events.normal(cronJob, "SuccessfulDelete", "Deleted job " + name);
  }

  /** {@code SawCompletedJob} for each Job the status still lists as active that has finished since. */
  private void sawCompleted(ObjectNode cronJob, List<ObjectNode> owned) {
    Set<String> listed = new HashSet<>();
    for (JsonNode ref : cronJob.path("status").path("active")) {
      listed.add(ref.path("uid").asString(""));
    }
    for (ObjectNode job : owned) {
      if (finished(job) && listed.contains(Json.text(job, "metadata", "uid"))) {
        events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + Json.text(job, "metadata", "name")
            + ", status: " + (hasCondition(job, "Complete") ? "Complete" : "Failed"));
      }
    }
  }

  private void writeStatus(ObjectNode cronJob, List<ObjectNode> active, Instant lastScheduled,
      List<ObjectNode> owned) {
    ObjectNode status = Json.object();
    if (!active.isEmpty()) {
      ArrayNode refs = status.putArray("active");
      for (ObjectNode job : active) {
        ObjectNode ref = refs.addObject();
        ref.put("apiVersion", "batch/v1");
        ref.put("kind", "Job");
        ref.put("name", Json.text(job, "metadata", "name"));
        ref.put("namespace", Json.text(job, "metadata", "namespace"));
        ref.put("uid", Json.text(job, "metadata", "uid"));
        ref.put("resourceVersion", Json.text(job, "metadata", "resourceVersion"));
      }
    }
    if (lastScheduled != null) {
      status.put("lastScheduleTime", ObjectStore.timestamp(lastScheduled));
    }
    owned.stream().filter(j -> hasCondition(j, "Complete"))
        .map(j -> j.path("status").path("completionTime").asString(null)).filter(t -> t != null)
        .max(Comparator.naturalOrder()).ifPresent(t -> status.put("lastSuccessfulTime", t));
    if (!status.equals(cronJob.get("status") == null ? Json.object() : cronJob.get("status"))) {
      ObjectNode updated = cronJob.deepCopy();
      updated.set("status", status);
      try {
        api.updateStatus(cronJobs, Json.text(cronJob, "metadata", "namespace"), updated, MANAGER, false);
      } catch (ApiException e) {
        if (e.code() != 409 && e.code() != 404) {
          throw e;
        }
      }
    }
  }

  private static boolean finished(ObjectNode job) {
    return hasCondition(job, "Complete") || hasCondition(job, "Failed");
  }

  private static boolean hasCondition(ObjectNode job, String type) {
    for (JsonNode c : job.path("status").path("conditions")) {
      if (type.equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
        return true;
      }
    }
    return false;
  }
}
