package dev.keelson.testkit.internal.controller.workload;

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
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's StatefulSet controller ({@code defaultStatefulSetControl}): pods {@code <set>-<ordinal>}
 * for ordinals {@code [ordinals.start, ordinals.start + replicas)}, their PersistentVolumeClaims from
 * {@code volumeClaimTemplates} (created once, kept on scale-down), {@code OrderedReady} (one pod at a time, each
 * only after its predecessors are Running and Ready; scale-down from the highest ordinal, one at a time) and
 * {@code Parallel} pod management, {@code RollingUpdate} (highest ordinal first, one pod at a time, waiting for it to
 * be Ready again, ordinals below {@code partition} kept at the current revision) and {@code OnDelete} updates.
 * Revisions are ControllerRevisions named {@code <set>-<hash>}; pods carry the name in their
 * {@code controller-revision-hash} label. Status: replicas, readyReplicas, availableReplicas, currentReplicas,
 * updatedReplicas, currentRevision, updateRevision, collisionCount and observedGeneration.
 */
public final class StatefulSetController implements Controller {

  private static final Duration AVAILABILITY_SLACK = Duration.ofMillis(1);

  private final ApiServer api;
  private final ObjectStore store;
  private final ResourceType statefulSets;
  private final ResourceType pods;
  private final ResourceType claims;
  private final ResourceType revisions;
  private final EventRecorder events;
  private final SyncRunner runner;

  public StatefulSetController(ApiServer api) {
    this.api = api;
    this.store = api.store();
    this.runner = new SyncRunner("statefulset-controller", store);
    this.statefulSets = api.type("apps/v1", "StatefulSet");
    this.pods = api.type("v1", "Pod");
    this.claims = api.type("v1", "PersistentVolumeClaim");
    this.revisions = api.type("apps/v1", "ControllerRevision");
    this.events = new EventRecorder(api, "statefulset-controller");
  }

  @Override
  public String name() {
    return "statefulset-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ResourceType type = event.resource();
    ObjectNode o = event.object();
    if (type.equals(statefulSets)) {
      queue.add(Keys.of(Nodes.stringAt(o, "metadata", "namespace"), Nodes.stringAt(o, "metadata", "name")));
    } else if (type.equals(pods)) {
      SyncRunner.queueOwner(o, "StatefulSet", queue);
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return runner.reconcile(key, this::sync);
  }

  /** The settings of one sync, read from the StatefulSet's spec. */
  private record Plan(ObjectNode set, int start, int end, boolean monotonic, boolean onDelete, int partition,
      int minReadySeconds, String currentRevision, String updateRevision, JsonNode currentTemplate,
      JsonNode updateTemplate) {

    /** {@code newVersionedStatefulSetPod}: ordinals below the partition keep the current revision. */
    boolean keepsCurrent(int ordinal) {
      return !onDelete && ordinal < start + partition;
    }
  }

  private Optional<Duration> sync(String namespace, String name, String key) {
    ObjectNode set = store.get(statefulSets, namespace, name);
    if (set == null) {
      runner.backoff().forget(key);
      return Optional.empty();
    }
    boolean deleting = Nodes.at(set, "metadata", "deletionTimestamp") != null;
    JsonNode template = Nodes.at(set, "spec", "template");
    String updateRevision = ensureRevision(set, template);
    String currentRevision = Nodes.stringAt(set, "status", "currentRevision");
    JsonNode currentTemplate = currentRevision == null ? null : revisionTemplate(namespace, currentRevision);
    if (currentTemplate == null) {
      currentRevision = updateRevision;
      currentTemplate = template;
    }
    int replicas = Nodes.intAt(set, 1, "spec", "replicas");
    int start = Nodes.intAt(set, 0, "spec", "ordinals", "start");
    Plan plan = new Plan(set, start, start + replicas,
        !"Parallel".equals(Nodes.stringAt(set, "spec", "podManagementPolicy")),
        "OnDelete".equals(Nodes.stringAt(set, "spec", "updateStrategy", "type")),
        Math.max(0, Nodes.intAt(set, 0, "spec", "updateStrategy", "rollingUpdate", "partition")),
        Nodes.intAt(set, 0, "spec", "minReadySeconds"), currentRevision, updateRevision, currentTemplate, template);
    String uid = Nodes.stringAt(set, "metadata", "uid");
    boolean valid = LabelSelectors.matches(Nodes.at(set, "spec", "selector"),
        Nodes.at(template, "metadata", "labels"));
    Optional<Duration> wait = Optional.empty();
    if (!deleting && valid) {
      wait = manage(plan, ownedPods(uid, Nodes.at(set, "spec", "selector")));
    }
    List<ObjectNode> owned = ownedPods(uid, Nodes.at(set, "spec", "selector"));
    writeStatus(plan, owned);
    runner.backoff().forget(key);
    Optional<Duration> available = nextAvailability(owned, plan.minReadySeconds(), store.clock().instant());
    if (wait.isPresent() && available.isPresent()) {
      return wait.get().compareTo(available.get()) <= 0 ? wait : available;
    }
    return wait.isPresent() ? wait : available;
  }

  /** One pass of {@code updateStatefulSet}; returns a requeue delay when it waits for minReadySeconds. */
  private Optional<Duration> manage(Plan plan, List<ObjectNode> owned) {
    String setName = Nodes.stringAt(plan.set(), "metadata", "name");
    TreeMap<Integer, ObjectNode> replicas = new TreeMap<>();
    TreeMap<Integer, ObjectNode> condemned = new TreeMap<>();
    for (ObjectNode pod : owned) {
      int ordinal = StatefulSetPods.ordinal(setName, Nodes.stringAt(pod, "metadata", "name"));
      if (ordinal < 0) {
        continue;
      }
      if (ordinal >= plan.start() && ordinal < plan.end()) {
        replicas.put(ordinal, pod);
      } else {
        condemned.put(ordinal, pod);
      }
    }
    Instant now = store.clock().instant();
    for (int ordinal = plan.start(); ordinal < plan.end(); ordinal++) {
      ObjectNode pod = replicas.get(ordinal);
      if (pod == null) {
        createPod(plan, ordinal);
        if (plan.monotonic()) {
          return Optional.empty();
        }
        continue;
      }
      if (PodState.terminal(pod) && !PodState.deleting(pod)) {
        deletePod(plan.set(), pod, "delete");
        if (plan.monotonic()) {
          return Optional.empty();
        }
        continue;
      }
      if (!plan.monotonic()) {
        continue;
      }
      if (PodState.deleting(pod) || !runningAndReady(pod)) {
        return Optional.empty();
      }
      if (plan.minReadySeconds() > 0 && !PodState.available(pod, plan.minReadySeconds(), now)) {
        return Optional.empty();
      }
    }
    ObjectNode firstUnhealthy = null;
    for (ObjectNode pod : condemned.values()) {
      if (!healthy(pod)) {
        firstUnhealthy = pod;
        break;
      }
    }
    for (ObjectNode pod : condemned.descendingMap().values()) {
      if (PodState.deleting(pod)) {
        if (plan.monotonic()) {
          return Optional.empty();
        }
        continue;
      }
      if (plan.monotonic() && !runningAndReady(pod) && pod != firstUnhealthy) {
        return Optional.empty();
      }
      deletePod(plan.set(), pod, "delete");
      if (plan.monotonic()) {
        return Optional.empty();
      }
    }
    if (plan.onDelete()) {
      return Optional.empty();
    }
    int updateMin = plan.start() + plan.partition();
    for (int ordinal = plan.end() - 1; ordinal >= updateMin; ordinal--) {
      ObjectNode pod = replicas.get(ordinal);
      if (pod == null) {
        return Optional.empty();
      }
      if (!StatefulSetPods.revision(pod).equals(plan.updateRevision()) && !PodState.deleting(pod)) {
        deletePod(plan.set(), pod, "update");
        return Optional.empty();
      }
      if (!healthy(pod)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private void createPod(Plan plan, int ordinal) {
    boolean current = plan.keepsCurrent(ordinal);
    JsonNode template = current ? plan.currentTemplate() : plan.updateTemplate();
    String revision = current ? plan.currentRevision() : plan.updateRevision();
    ObjectNode set = plan.set();
    String namespace = Nodes.stringAt(set, "metadata", "namespace");
    JsonNode claimTemplates = Nodes.at(set, "spec", "volumeClaimTemplates");
    if (claimTemplates != null && claimTemplates.isArray()) {
      for (JsonNode claimTemplate : claimTemplates) {
        ObjectNode claim = StatefulSetPods.newClaim(set, claimTemplate, ordinal);
        String claimName = Nodes.stringAt(claim, "metadata", "name");
        if (store.get(claims, namespace, claimName) != null) {
          continue;
        }
        try {
          api.create(claims, namespace, claim, Keys.MANAGER, false);
          events.normal(set, "SuccessfulCreate", "create Claim " + claimName + " Pod "
              + StatefulSetPods.podName(Nodes.stringAt(set, "metadata", "name"), ordinal) + " in StatefulSet "
              + Nodes.stringAt(set, "metadata", "name") + " success");
        } catch (ApiException e) {
          if (e.code() != 409) {
            events.warning(set, "FailedCreate", "create Claim " + claimName + " for Pod in StatefulSet "
                + Nodes.stringAt(set, "metadata", "name") + " failed error: " + e.getMessage());
            throw e;
          }
        }
      }
    }
    ObjectNode pod = StatefulSetPods.newPod(set, template, ordinal, revision);
    String podName = Nodes.stringAt(pod, "metadata", "name");
    try {
      api.create(pods, namespace, pod, Keys.MANAGER, false);
      events.normal(set, "SuccessfulCreate", "create Pod " + podName + " in StatefulSet "
          + Nodes.stringAt(set, "metadata", "name") + " successful");
    } catch (ApiException e) {
      if (e.code() == 409) {
        // The old pod of this ordinal is still being removed; its deletion event requeues the set.
        return;
      }
      events.warning(set, "FailedCreate", "create Pod " + podName + " in StatefulSet "
          + Nodes.stringAt(set, "metadata", "name") + " failed error: " + e.getMessage());
      throw e;
    }
  }

  private void deletePod(ObjectNode set, ObjectNode pod, String why) {
    String podName = Nodes.stringAt(pod, "metadata", "name");
    try {
      api.delete(pods, Nodes.stringAt(pod, "metadata", "namespace"), podName, null, false);
      events.normal(set, "SuccessfulDelete", why + " Pod " + podName + " in StatefulSet "
          + Nodes.stringAt(set, "metadata", "name") + " successful");
    } catch (ApiException e) {
      if (e.code() != 404) {
        events.warning(set, "FailedDelete", why + " Pod " + podName + " in StatefulSet "
            + Nodes.stringAt(set, "metadata", "name") + " failed error: " + e.getMessage());
        throw e;
      }
    }
  }

  /**
   * The ControllerRevision {@code <set>-<hash>} of the current template, created when missing; returns its name.
   */
  private String ensureRevision(ObjectNode set, JsonNode template) {
    // status.collisionCount is written as 0 from the first sync on: hash with 0 when absent so the name is stable.
    int collisions = Nodes.intAt(set, 0, "status", "collisionCount");
    String setName = Nodes.stringAt(set, "metadata", "name");
    String namespace = Nodes.stringAt(set, "metadata", "namespace");
    String name = setName + "-" + PodTemplateHash.compute(template, collisions);
    if (store.get(revisions, namespace, name) != null) {
      return name;
    }
    long next = 1;
    String uid = Nodes.stringAt(set, "metadata", "uid");
    for (ObjectStore.ObjectRef ref : store.dependents(uid)) {
      if (ref.type().equals(revisions)) {
        ObjectNode r = store.get(revisions, ref.namespace(), ref.name());
        if (r != null) {
          next = Math.max(next, Nodes.longAt(r, 0, "revision") + 1);
        }
      }
    }
    ObjectNode revision = Json.object();
    revision.put("apiVersion", "apps/v1");
    revision.put("kind", "ControllerRevision");
    ObjectNode meta = revision.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    JsonNode labels = Nodes.at(template, "metadata", "labels");
    if (labels != null && !labels.isEmpty()) {
      meta.set("labels", labels.deepCopy());
    }
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(set, "apps/v1", "StatefulSet"));
    revision.putObject("data").putObject("spec").set("template",
        template == null ? Json.object() : template.deepCopy());
    revision.put("revision", next);
    try {
      api.create(revisions, namespace, revision, Keys.MANAGER, false);
    } catch (ApiException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
    return name;
  }

  /** The pod template a revision recorded, or null when the revision is gone. */
  private JsonNode revisionTemplate(String namespace, String name) {
    ObjectNode r = store.get(revisions, namespace, name);
    return r == null ? null : Nodes.at(r, "data", "spec", "template");
  }

  /** Pods controlled by this set (through the owner index) that its selector matches. */
  private List<ObjectNode> ownedPods(String uid, JsonNode selector) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectStore.ObjectRef ref : store.dependents(uid)) {
      if (!ref.type().equals(pods)) {
        continue;
      }
      ObjectNode pod = store.get(pods, ref.namespace(), ref.name());
      if (pod != null && ControllerRefs.isControlledBy(pod, uid)
          && LabelSelectors.matches(selector, Nodes.at(pod, "metadata", "labels"))) {
        out.add(pod);
      }
    }
    return out;
  }

  /** {@code computeReplicaStatus} plus {@code completeRollingUpdate}; written only when it changed. */
  private void writeStatus(Plan plan, List<ObjectNode> owned) {
    ObjectNode set = plan.set();
    Instant now = store.clock().instant();
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (ObjectNode pod : owned) {
      replicas++;
      if (runningAndReady(pod)) {
        ready++;
        if (PodState.available(pod, plan.minReadySeconds(), now)) {
          available++;
        }
      }
      if (!PodState.deleting(pod)) {
        String revision = StatefulSetPods.revision(pod);
        if (revision.equals(plan.currentRevision())) {
          current++;
        }
        if (revision.equals(plan.updateRevision())) {
          updated++;
        }
      }
    }
    String currentRevision = plan.currentRevision();
    if (!plan.onDelete() && updated == replicas && ready == replicas
        && replicas == plan.end() - plan.start()) {
      currentRevision = plan.updateRevision();
      current = updated;
    }
    ObjectNode status = Json.object();
    status.put("observedGeneration", Nodes.longAt(set, 0, "metadata", "generation"));
    status.put("replicas", replicas);
    Nodes.putOmitEmpty(status, "readyReplicas", ready);
    Nodes.putOmitEmpty(status, "currentReplicas", current);
    Nodes.putOmitEmpty(status, "updatedReplicas", updated);
    status.put("currentRevision", currentRevision);
    status.put("updateRevision", plan.updateRevision());
    status.put("collisionCount", Nodes.intAt(set, 0, "status", "collisionCount"));
    status.put("availableReplicas", available);
    if (JsonEquality.equal(status, set.get("status"))) {
      return;
    }
    ObjectNode write = Json.object();
    ObjectNode meta = write.putObject("metadata");
    meta.put("name", Nodes.stringAt(set, "metadata", "name"));
    meta.put("resourceVersion", Nodes.stringAt(set, "metadata", "resourceVersion"));
    write.set("status", status);
    api.updateStatus(statefulSets, Nodes.stringAt(set, "metadata", "namespace"), write, Keys.MANAGER, false);
  }

  /** {@code isRunningAndReady}. */
  static boolean runningAndReady(JsonNode pod) {
    return "Running".equals(PodState.phase(pod)) && PodState.ready(pod);
  }

  /** {@code isHealthy}: Running, Ready and not being deleted. */
  static boolean healthy(JsonNode pod) {
    return runningAndReady(pod) && !PodState.deleting(pod);
  }

  /** The delay until the next Ready pod passes minReadySeconds, if any is waiting. */
  static Optional<Duration> nextAvailability(List<ObjectNode> pods, int minReadySeconds, Instant now) {
    if (minReadySeconds == 0) {
      return Optional.empty();
    }
    Instant next = null;
    for (ObjectNode pod : pods) {
      Instant from = PodState.availableFrom(pod, minReadySeconds);
      if (from != null && now.isBefore(from) && (next == null || from.isBefore(next))) {
        next = from;
      }
    }
    return next == null ? Optional.empty()
        : Optional.of(Duration.between(now, next).plus(AVAILABILITY_SLACK).minusNanos(1));
  }
}
