package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code syncDeployment} of one Deployment: reads the Deployment and the ReplicaSets it controls once, then
 * follows the upstream order (empty selector, deletion, paused conditions, paused, rollback, scaling event,
 * strategy), doing at most one scaling phase before writing status. Holds the shared steps the strategies use:
 * finding or creating the new ReplicaSet, scaling a ReplicaSet, history cleanup and the status writes.
 */
final class DeploymentSync {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration NEXT_INSTANT = Duration.ofMillis(1);

  /** The new ReplicaSet (null if none yet) and all the others. */
  record ReplicaSets(ReplicaSetView newRs, List<ReplicaSetView> old) {

    /** {@code append(oldRSs, newRS)}. */
    List<ReplicaSetView> all() {
      List<ReplicaSetView> all = new ArrayList<>(old);
      if (newRs != null) {
        all.add(newRs);
      }
      return all;
    }
  }

  private final WorkloadContext ctx;
  private final DeploymentParameters p;
  private final List<ReplicaSetView> owned;
  private final String namespace;
  private final String name;
  private ObjectNode d;
  /** The status as stored; {@code d.status} may be ahead of it until {@link #flushStatus()}. */
  private JsonNode storedStatus;
  private boolean statusDirty;

  private DeploymentSync(WorkloadContext ctx, ObjectNode deployment, List<ReplicaSetView> owned) {
    this.ctx = ctx;
    this.d = deployment;
    this.storedStatus = deployment.get("status");
    this.p = DeploymentParameters.of(deployment);
    this.owned = owned;
    this.namespace = Nodes.stringAt(deployment, "metadata", "namespace");
    this.name = Nodes.stringAt(deployment, "metadata", "name");
  }

  /** Reads the Deployment and its ReplicaSets; null when the Deployment is gone. */
  static DeploymentSync load(WorkloadContext ctx, String namespace, String name) {
    ObjectNode stored = ctx.store().stored(ctx.deployments(), namespace, name);
    if (stored == null) {
      return null;
    }
    ObjectNode d = editable(stored);
    String uid = Nodes.stringAt(d, "metadata", "uid");
    JsonNode selector = Nodes.at(d, "spec", "selector");
    List<ReplicaSetView> owned = new ArrayList<>();
    for (ObjectStore.ObjectRef ref : ctx.store().dependents(uid)) {
      if (!ref.type().equals(ctx.replicaSets())) {
        continue;
      }
      ObjectNode rs = ctx.store().stored(ctx.replicaSets(), ref.namespace(), ref.name());
      if (rs != null && ControllerRefs.isControlledBy(rs, uid)
          && LabelSelectors.matches(selector, Nodes.at(rs, "metadata", "labels"))) {
        owned.add(new ReplicaSetView(rs));
      }
    }
    return new DeploymentSync(ctx, d, owned);
  }

  /**
   * {@code syncDeployment}; returns when to look again (the progress deadline), if ever. Status changes made along
   * the way are written once, at the end: within one sync nobody else can observe the intermediate writes upstream
   * makes, and each write costs.
   */
  Optional<Duration> run() {
    Optional<Duration> again = steps();
    flushStatus();
    return again;
  }

  private Optional<Duration> steps() {
    if (LabelSelectors.isEmpty(p.selector())) {
      ctx.events().warning(d, "SelectingAll",
          "This deployment is selecting all pods. A non-empty selector is required.");
      long generation = Nodes.longAt(d, 0, "metadata", "generation");
      if (Nodes.longAt(d, 0, "status", "observedGeneration") < generation) {
        ObjectNode status = currentStatus().deepCopy();
        status.put("observedGeneration", generation);
        setStatus(status);
      }
      return Optional.empty();
    }
    if (p.selector() == null
        || !LabelSelectors.matches(p.selector(), Nodes.at(p.template(), "metadata", "labels"))) {
      // apps/v1 validation requires a selector that matches the template labels; without one, every ReplicaSet
      // made would at once be disowned.
      return Optional.empty();
    }
    if (Nodes.at(d, "metadata", "deletionTimestamp") != null) {
      syncStatusOnly();
      return Optional.empty();
    }
    checkPausedConditions();
    if (p.paused()) {
      scaleSync();
      return Optional.empty();
    }
    if (DeploymentRollback.requested(d) != null) {
      DeploymentRollback.rollback(this);
      return Optional.empty();
    }
    if (isScalingEvent()) {
      scaleSync();
      return Optional.empty();
    }
    return p.rollingUpdate() ? RollingUpdate.rollout(this) : Recreate.rollout(this);
  }

  /** The Deployment as a sync edits it (it replaces the status and sets annotations), from a stored version. */
  private static ObjectNode editable(ObjectNode stored) {
    return DeploymentAnnotations.editableCopy(stored);
  }

  DeploymentParameters parameters() {
    return p;
  }

  ObjectNode deployment() {
    return d;
  }

  WorkloadContext context() {
    return ctx;
  }

  String name() {
    return name;
  }

  private ObjectNode currentStatus() {
    JsonNode s = d.get("status");
    return s instanceof ObjectNode o ? o : Json.object();
  }

  /** {@code sync}: proportional scaling on a scaling event or while paused, cleanup while paused, status. */
  private void scaleSync() {
    ReplicaSets rs = replicaSets(false);
    ProportionalScaler.scale(this, rs.newRs(), rs.old());
    if (p.paused() && DeploymentRollback.requested(d) == null) {
      cleanup(rs.old());
    }
    syncDeploymentStatus(rs.all(), rs.newRs());
  }

  private void syncStatusOnly() {
    ReplicaSets rs = replicaSets(false);
    syncDeploymentStatus(rs.all(), rs.newRs());
  }

  /** {@code checkPausedConditions}: Progressing Unknown/DeploymentPaused or DeploymentResumed. */
  private void checkPausedConditions() {
    if (!p.hasProgressDeadline()) {
      return;
    }
    ObjectNode cond = Conditions.find(Nodes.at(d, "status", "conditions"), Conditions.PROGRESSING);
    String reason = cond == null ? "" : cond.path("reason").asString("");
    if (reason.equals(DeploymentStatuses.TIMED_OUT)) {
      return;
    }
    boolean pausedCondition = reason.equals(DeploymentStatuses.PAUSED);
    ObjectNode condition;
    if (p.paused() && !pausedCondition) {
      condition = Conditions.deployment(Conditions.PROGRESSING, "Unknown", DeploymentStatuses.PAUSED,
          "Deployment is paused", ctx.store().now());
    } else if (!p.paused() && pausedCondition) {
      condition = Conditions.deployment(Conditions.PROGRESSING, "Unknown", DeploymentStatuses.RESUMED,
          "Deployment is resumed", ctx.store().now());
    } else {
      return;
    }
    ObjectNode status = currentStatus().deepCopy();
    Conditions.set(conditionsOf(status), condition, true);
    setStatus(status);
    // Written at once, as upstream does, so that watchers see the paused/resumed transition even when the
    // rollout that follows replaces it in the same sync.
    flushStatus();
  }

  /** {@code isScalingEvent}: an active ReplicaSet whose desired-replicas annotation differs from spec.replicas. */
  private boolean isScalingEvent() {
    ReplicaSets rs = replicaSets(false);
    for (ReplicaSetView r : rs.all()) {
      if (!r.active()) {
        continue;
      }
      Integer desired = r.intAnnotation(ReplicaSetView.DESIRED_REPLICAS);
      if (desired != null && desired != p.replicas()) {
        return true;
      }
    }
    return false;
  }

  /** {@code FindNewReplicaSet}: the oldest owned ReplicaSet whose template equals the Deployment's. */
  private ReplicaSetView findNew() {
    ReplicaSetView found = null;
    for (ReplicaSetView rs : owned) {
      if (TemplateEquality.equalIgnoringHash(rs.template(), p.template())
          && (found == null || ReplicaSetView.BY_CREATION.compare(rs, found) < 0)) {
        found = rs;
      }
    }
    return found;
  }

  /**
   * {@code getAllReplicaSetsAndSyncRevision}: the new and old ReplicaSets, with the new one's revision (and the
   * Deployment's) brought up to date; creates the new ReplicaSet when asked and missing.
   */
  ReplicaSets replicaSets(boolean createIfMissing) {
    ReplicaSetView existing = findNew();
    List<ReplicaSetView> old = new ArrayList<>();
    long maxOld = 0;
    for (ReplicaSetView rs : owned) {
      if (rs != existing) {
        old.add(rs);
        Long revision = rs.revision();
        if (revision != null && revision > maxOld) {
          maxOld = revision;
        }
      }
    }
    ReplicaSetView newRs = existing != null ? syncExisting(existing, maxOld + 1)
        : createIfMissing ? create(old, maxOld + 1) : null;
    return new ReplicaSets(newRs, old);
  }

  private ReplicaSetView syncExisting(ReplicaSetView rs, long newRevision) {
    // Sets the annotations on a copy that shares all but them with the stored object; writes only on a change.
    ObjectNode copy = DeploymentAnnotations.editableCopy(rs.object());
    boolean annotationsChanged = DeploymentAnnotations.setNewReplicaSetAnnotations(d, p, copy, newRevision, true);
    if (annotationsChanged || Nodes.intAt(copy, 0, "spec", "minReadySeconds") != p.minReadySeconds()) {
      copy = copy.deepCopy();
      Nodes.putOmitEmpty(Nodes.object(copy, "spec"), "minReadySeconds", p.minReadySeconds());
      rs.replace(ctx.api().updateStored(ctx.replicaSets(), namespace, copy, Keys.MANAGER, false));
      return rs;
    }
    boolean annotations = DeploymentAnnotations.setDeploymentRevision(d, rs.annotation(ReplicaSetView.REVISION));
    ObjectNode status = null;
    if (p.hasProgressDeadline()
        && Conditions.find(Nodes.at(d, "status", "conditions"), Conditions.PROGRESSING) == null) {
      status = currentStatus().deepCopy();
      Conditions.set(conditionsOf(status), Conditions.deployment(Conditions.PROGRESSING, "True",
          DeploymentStatuses.FOUND_NEW_RS, "Found new replica set " + quote(rs.name()), ctx.store().now()), true);
    }
    persist(annotations, status);
    return rs;
  }

  private ReplicaSetView create(List<ReplicaSetView> old, long newRevision) {
    Integer collisionCount = Nodes.optionalInt(d, "status", "collisionCount");
    String hash = PodTemplateHash.compute(p.template(), collisionCount);
    ObjectNode template = p.template().deepCopy();
    ObjectNode templateLabels = Nodes.object(Nodes.object(template, "metadata"), "labels");
    templateLabels.put(TemplateEquality.HASH_LABEL, hash);
    String rsName = name + "-" + hash;
    ObjectNode rs = Json.object();
    rs.put("apiVersion", "apps/v1");
    rs.put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata");
    meta.put("name", rsName);
    meta.put("namespace", namespace);
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(d, "apps/v1", "Deployment"));
    meta.set("labels", templateLabels.deepCopy());
    ObjectNode spec = rs.putObject("spec");
    int current = 0;
    for (ReplicaSetView r : old) {
      current += r.specReplicas();
    }
    int replicas = RolloutMath.newReplicaSetReplicas(p, current, 0);
    spec.put("replicas", replicas);
    Nodes.putOmitEmpty(spec, "minReadySeconds", p.minReadySeconds());
    spec.set("selector", LabelSelectors.withLabel(p.selector(), TemplateEquality.HASH_LABEL, hash));
    spec.set("template", template);
    DeploymentAnnotations.setNewReplicaSetAnnotations(d, p, rs, newRevision, false);
    ObjectNode created;
    boolean alreadyExists = false;
    try {
      created = ctx.api().createStored(ctx.replicaSets(), namespace, rs, Keys.MANAGER, false);
    } catch (ApiException e) {
      if ("AlreadyExists".equals(e.reason())) {
        created = adoptOrCollide(rsName);
        alreadyExists = true;
      } else {
        failCreate(rsName, e);
        throw e;
      }
    }
    if (!alreadyExists && replicas > 0) {
      ctx.events().normal(d, "ScalingReplicaSet", "Scaled up replica set " + rsName + " to " + replicas);
    }
    boolean annotations = DeploymentAnnotations.setDeploymentRevision(d, Long.toString(newRevision));
    ObjectNode status = null;
    if (!alreadyExists && p.hasProgressDeadline()) {
      status = currentStatus().deepCopy();
      Conditions.set(conditionsOf(status), Conditions.deployment(Conditions.PROGRESSING, "True",
          DeploymentStatuses.NEW_REPLICA_SET, "Created new replica set " + quote(rsName), ctx.store().now()), true);
    }
    persist(annotations, status);
    ReplicaSetView view = new ReplicaSetView(created);
    owned.add(view);
    return view;
  }

  /**
   * A ReplicaSet of the new name exists: ours with the same template is adopted as the new one; anything else is a
   * hash collision, so {@code status.collisionCount} goes up and the sync starts over with a new hash.
   */
  private ObjectNode adoptOrCollide(String rsName) {
    ObjectNode existing = ctx.store().stored(ctx.replicaSets(), namespace, rsName);
    if (existing == null) {
      throw new RetrySync("replica set " + rsName + " vanished");
    }
    if (ControllerRefs.isControlledBy(existing, Nodes.stringAt(d, "metadata", "uid"))
        && TemplateEquality.equalIgnoringHash(p.template(), Nodes.at(existing, "spec", "template"))) {
      return existing;
    }
    ObjectNode status = currentStatus().deepCopy();
    Integer count = Nodes.optionalInt(status, "collisionCount");
    status.put("collisionCount", count == null ? 0 : count + 1);
    setStatus(status);
    flushStatus();
    throw new RetrySync("hash collision for replica set " + rsName);
  }

  private void failCreate(String rsName, ApiException e) {
    if (e.code() == 403 && e.getMessage() != null && e.getMessage().contains("because it is being terminated")) {
      return;
    }
    String message = "Failed to create new replica set " + quote(rsName) + ": " + e.getMessage();
    if (p.hasProgressDeadline()) {
      ObjectNode status = currentStatus().deepCopy();
      Conditions.set(conditionsOf(status), Conditions.deployment(Conditions.PROGRESSING, "False",
          DeploymentStatuses.FAILED_RS_CREATE, message, ctx.store().now()), true);
      setStatus(status);
      try {
        flushStatus();
      } catch (ApiException ignored) {
        // The create error is the one to report.
      }
    }
    ctx.events().warning(d, DeploymentStatuses.FAILED_RS_CREATE, message);
  }

  /** {@code scaleReplicaSetAndRecordEvent}: returns whether the size changed. */
  boolean scaleAndRecord(ReplicaSetView rs, int newScale) {
    int current = rs.specReplicas();
    if (current == newScale) {
      return false;
    }
    return scale(rs, newScale, current < newScale ? "up" : "down");
  }

  /**
   * {@code scaleReplicaSet}: sets the size and the desired/max-replicas annotations when either differs; a size
   * change records the ScalingReplicaSet event.
   */
  boolean scale(ReplicaSetView rs, int newScale, String operation) {
    int oldScale = rs.specReplicas();
    boolean size = oldScale != newScale;
    if (!size && !DeploymentAnnotations.replicasAnnotationsNeedUpdate(rs, p.replicas(), p.maxReplicas())) {
      return false;
    }
    ObjectNode object = rs.editable();
    Nodes.object(object, "spec").put("replicas", newScale);
    DeploymentAnnotations.setReplicasAnnotations(object, p.replicas(), p.maxReplicas());
    rs.replace(ctx.api().updateStored(ctx.replicaSets(), namespace, object, Keys.MANAGER, false));
    if (size) {
      ctx.events().normal(d, "ScalingReplicaSet",
          "Scaled " + operation + " replica set " + rs.name() + " to " + newScale + " from " + oldScale);
    }
    return size;
  }

  /** {@code cleanupDeployment}: deletes the oldest idle old ReplicaSets beyond revisionHistoryLimit. */
  void cleanup(List<ReplicaSetView> old) {
    Integer limit = p.revisionHistoryLimit();
    if (limit == null) {
      return;
    }
    List<ReplicaSetView> cleanable = new ArrayList<>();
    for (ReplicaSetView rs : old) {
      if (!rs.deleting()) {
        cleanable.add(rs);
      }
    }
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return;
    }
    cleanable.sort(ReplicaSetView.BY_REVISION);
    for (int i = 0; i < diff; i++) {
      ReplicaSetView rs = cleanable.get(i);
      if (rs.statusReplicas() != 0 || rs.specReplicas() != 0 || rs.generation() > rs.observedGeneration()
          || rs.deleting()) {
        continue;
      }
      try {
        ctx.api().delete(ctx.replicaSets(), namespace, rs.name(), null, false);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
      owned.remove(rs);
    }
  }

  /** {@code syncDeploymentStatus}: status from the ReplicaSets, written when it changed. */
  void syncDeploymentStatus(List<ReplicaSetView> all, ReplicaSetView newRs) {
    setStatus(DeploymentStatuses.calculate(d, p, all, newRs, ctx.store().now()));
  }

  /**
   * {@code syncRolloutStatus}: status plus the Progressing estimate (complete, progressing, timed out) and the
   * ReplicaFailure condition; when nothing changed, the delay until the progress deadline must be checked.
   */
  Optional<Duration> syncRolloutStatus(List<ReplicaSetView> all, ReplicaSetView newRs) {
    String now = ctx.store().now();
    Instant instant = ctx.store().clock().instant();
    ObjectNode status = DeploymentStatuses.calculate(d, p, all, newRs, now);
    ArrayNode conditions = conditionsOf(status);
    if (!p.hasProgressDeadline()) {
      Conditions.remove(conditions, Conditions.PROGRESSING);
    }
    JsonNode oldStatus = currentStatus();
    ObjectNode current = Conditions.find(oldStatus.get("conditions"), Conditions.PROGRESSING);
    boolean completeBefore = DeploymentStatuses.count(status, "replicas")
        == DeploymentStatuses.count(status, "updatedReplicas") && current != null
        && DeploymentStatuses.NEW_RS_AVAILABLE.equals(current.path("reason").asString(""));
    if (p.hasProgressDeadline() && !completeBefore) {
      String subject = newRs == null ? "Deployment " + quote(name) : "ReplicaSet " + quote(newRs.name());
      if (DeploymentStatuses.complete(d, p, status)) {
        Conditions.set(conditions, Conditions.deployment(Conditions.PROGRESSING, "True",
            DeploymentStatuses.NEW_RS_AVAILABLE, subject + " has successfully progressed.", now), true);
      } else if (DeploymentStatuses.progressing(oldStatus, status)) {
        ObjectNode condition = Conditions.deployment(Conditions.PROGRESSING, "True",
            DeploymentStatuses.REPLICA_SET_UPDATED, subject + " is progressing.", now);
        if (current != null) {
          if ("True".equals(current.path("status").asString("")) && current.get("lastTransitionTime") != null) {
            condition.set("lastTransitionTime", current.get("lastTransitionTime").deepCopy());
          }
          Conditions.remove(conditions, Conditions.PROGRESSING);
        }
        Conditions.set(conditions, condition, true);
      } else if (DeploymentStatuses.timedOut(p, status, instant)) {
        Conditions.set(conditions, Conditions.deployment(Conditions.PROGRESSING, "False",
            DeploymentStatuses.TIMED_OUT, subject + " has timed out progressing.", now), true);
      }
    }
    JsonNode failure = replicaFailure(all, newRs);
    if (failure != null) {
      Conditions.set(conditions, Conditions.fromReplicaSet(failure), true);
    } else {
      Conditions.remove(conditions, Conditions.REPLICA_FAILURE);
    }
    if (conditions.isEmpty()) {
      status.remove("conditions");
    }
    if (JsonEquality.equal(status, d.get("status"))) {
      return requeueStuck(status, instant);
    }
    setStatus(status);
    return Optional.empty();
  }

  /** The new ReplicaSet's ReplicaFailure condition, else any ReplicaSet's, else null. */
  private static JsonNode replicaFailure(List<ReplicaSetView> all, ReplicaSetView newRs) {
    if (newRs != null) {
      JsonNode c = Conditions.find(newRs.conditions(), Conditions.REPLICA_FAILURE);
      if (c != null) {
        return c;
      }
    }
    for (ReplicaSetView rs : all) {
      JsonNode c = Conditions.find(rs.conditions(), Conditions.REPLICA_FAILURE);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /**
   * {@code requeueStuckDeployment}: a rollout in progress is looked at again one second after its deadline
   * (or right after it, when less than a second is left).
   */
  private Optional<Duration> requeueStuck(JsonNode status, Instant now) {
    ObjectNode current = Conditions.find(Nodes.at(d, "status", "conditions"), Conditions.PROGRESSING);
    if (!p.hasProgressDeadline() || current == null) {
      return Optional.empty();
    }
    if (DeploymentStatuses.complete(d, p, status)
        || DeploymentStatuses.TIMED_OUT.equals(current.path("reason").asString(""))) {
      return Optional.empty();
    }
    Instant lastUpdate = Nodes.instantAt(current, "lastUpdateTime");
    if (lastUpdate == null) {
      return Optional.empty();
    }
    Duration after = Duration.between(now, lastUpdate.plusSeconds(p.progressDeadlineSeconds()));
    if (after.compareTo(ONE_SECOND) < 0) {
      return Optional.of((after.isNegative() ? Duration.ZERO : after).plus(NEXT_INSTANT));
    }
    return Optional.of(after.plus(ONE_SECOND));
  }

  /** Sets the Deployment's status; it is written by {@link #flushStatus()}. */
  void setStatus(ObjectNode status) {
    if (!JsonEquality.equal(status, d.get("status"))) {
      d.set("status", status);
      statusDirty = true;
    }
  }

  /** Writes the status set since the last write, if it differs from the stored one. */
  void flushStatus() {
    if (!statusDirty) {
      return;
    }
    statusDirty = false;
    if (JsonEquality.equal(d.get("status"), storedStatus)) {
      return;
    }
    ObjectNode write = Json.object();
    ObjectNode meta = write.putObject("metadata");
    meta.put("name", name);
    meta.put("resourceVersion", Nodes.stringAt(d, "metadata", "resourceVersion"));
    write.set("status", d.get("status"));
    d = editable(ctx.api().updateStatusStored(ctx.deployments(), namespace, write, Keys.MANAGER, false));
    storedStatus = d.get("status");
  }

  /**
   * Writes the Deployment's annotations (changed in place on {@code d}) and sets a new status, if given. Upstream
   * does both in one status update, whose strategy lets annotations through; here the main resource carries them.
   */
  void persist(boolean annotations, ObjectNode status) {
    if (annotations) {
      JsonNode pending = d.get("status");
      d = editable(ctx.api().updateStored(ctx.deployments(), namespace, d, Keys.MANAGER, false));
      storedStatus = d.get("status");
      if (pending != null) {
        d.set("status", pending);
      }
    }
    if (status != null) {
      setStatus(status);
    }
  }

  /** Replaces the whole Deployment (spec and metadata) through the main resource, after any pending status. */
  void updateDeployment(ObjectNode updated) {
    flushStatus();
    JsonNode status = d.get("status");
    if (status != null) {
      updated.set("status", status.deepCopy());
    }
    Json.metadata(updated).put("resourceVersion", Nodes.stringAt(d, "metadata", "resourceVersion"));
    d = editable(ctx.api().updateStored(ctx.deployments(), namespace, updated, Keys.MANAGER, false));
    storedStatus = d.get("status");
  }

  List<ReplicaSetView> owned() {
    return owned;
  }

  static ArrayNode conditionsOf(ObjectNode status) {
    JsonNode c = status.get("conditions");
    if (c instanceof ArrayNode a) {
      return a;
    }
    return status.putArray("conditions");
  }

  /** Go's {@code %q} for the names used in messages. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
