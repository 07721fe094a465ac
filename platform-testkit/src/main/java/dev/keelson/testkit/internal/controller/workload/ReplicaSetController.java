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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's ReplicaSet controller: keeps {@code spec.replicas} active pods per ReplicaSet (creating
 * them from the template in slow-start batches, deleting the cheapest ones first), releases pods that stopped
 * matching the selector, and writes {@code status} (replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas, terminatingReplicas, observedGeneration, the ReplicaFailure condition). Availability honours
 * {@code minReadySeconds} on the virtual clock: the key is requeued for the moment a Ready pod becomes available.
 */
public final class ReplicaSetController implements Controller {


  /** {@code BurstReplicas}: most pods created or deleted in one sync. */
  static final int BURST_REPLICAS = 500;
  private static final Duration AVAILABILITY_SLACK = Duration.ofMillis(1);

  private final ApiServer api;
  private final ObjectStore store;
  private final ResourceType replicaSets;
  private final ResourceType pods;
  private final EventRecorder events;
  private final SyncRunner runner;

  public ReplicaSetController(ApiServer api) {
    this.api = api;
    this.store = api.store();
    this.runner = new SyncRunner("replicaset-controller", store);
    this.replicaSets = api.type("apps/v1", "ReplicaSet");
    this.pods = api.type("v1", "Pod");
    this.events = new EventRecorder(api, "replicaset-controller");
  }

  @Override
  public String name() {
    return "replicaset-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ResourceType type = event.resource();
    ObjectNode o = event.object();
    if (type.equals(replicaSets)) {
      queue.add(Keys.of(Nodes.stringAt(o, "metadata", "namespace"), Nodes.stringAt(o, "metadata", "name")));
    } else if (type.equals(pods)) {
      SyncRunner.queueOwner(o, "ReplicaSet", queue);
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return runner.reconcile(key, this::sync);
  }

  private Optional<Duration> sync(String namespace, String name, String key) {
    // Read only, like the pods below.
    ObjectNode rs = store.stored(replicaSets, namespace, name);
    if (rs == null) {
      runner.backoff().forget(key);
      return Optional.empty();
    }
    String uid = Nodes.stringAt(rs, "metadata", "uid");
    boolean deleting = Nodes.at(rs, "metadata", "deletionTimestamp") != null;
    JsonNode selector = Nodes.at(rs, "spec", "selector");
    List<ObjectNode> active = new ArrayList<>();
    int terminating = 0;
    for (ObjectNode pod : ownedPods(uid)) {
      if (!LabelSelectors.matches(selector, Nodes.at(pod, "metadata", "labels"))) {
        if (!deleting) {
          release(pod, uid);
        }
        continue;
      }
      if (PodState.active(pod)) {
        active.add(pod);
      } else if (PodState.terminating(pod)) {
        terminating++;
      }
    }
    // Validation rejects a ReplicaSet whose selector does not match its template: its pods would be released as
    // soon as they were made.
    boolean valid = LabelSelectors.matches(selector, Nodes.at(rs, "spec", "template", "metadata", "labels"));
    ApiException failure = deleting || !valid ? null : manageReplicas(rs, active);
    Instant now = store.clock().instant();
    int minReadySeconds = Nodes.intAt(rs, 0, "spec", "minReadySeconds");
    ObjectNode status = ReplicaSetStatus.calculate(rs, active, terminating, failure, minReadySeconds, now,
        store.now());
    if (!JsonEquality.equal(status, rs.get("status"))) {
      ObjectNode write = Json.object();
      ObjectNode meta = write.putObject("metadata");
      meta.put("name", name);
      meta.put("resourceVersion", Nodes.stringAt(rs, "metadata", "resourceVersion"));
      write.set("status", status);
      api.updateStatusStored(replicaSets, namespace, write, Keys.MANAGER, false);
    }
    if (failure != null) {
      return Optional.of(runner.backoff().next(key));
    }
    runner.backoff().forget(key);
    return nextAvailability(active, minReadySeconds, now);
  }

  /** Pods whose controller reference is this ReplicaSet, read through the owner index. */
  private List<ObjectNode> ownedPods(String uid) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectStore.ObjectRef ref : store.dependents(uid)) {
      if (!ref.type().equals(pods)) {
        continue;
      }
      // Read only (the stored version itself): a copy of every pod on every sync was the controller's main cost.
      ObjectNode pod = store.stored(pods, ref.namespace(), ref.name());
      if (pod != null && ControllerRefs.isControlledBy(pod, uid)) {
        out.add(pod);
      }
    }
    return out;
  }

  /** Creates or deletes pods; returns the first error (which becomes the ReplicaFailure condition). */
  private ApiException manageReplicas(ObjectNode rs, List<ObjectNode> active) {
    int diff = active.size() - Nodes.intAt(rs, 1, "spec", "replicas");
    if (diff < 0) {
      return createPods(rs, Math.min(-diff, BURST_REPLICAS));
    }
    if (diff > 0) {
      return deletePods(rs, active, Math.min(diff, BURST_REPLICAS));
    }
    return null;
  }

  /** {@code slowStartBatch}: batches of 1, 2, 4, ... pods; the first batch with a failure ends the run. */
  private ApiException createPods(ObjectNode rs, int count) {
    String namespace = Nodes.stringAt(rs, "metadata", "namespace");
    int remaining = count;
    for (int batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
      ApiException first = null;
      for (int i = 0; i < batch; i++) {
        try {
          ObjectNode created = api.createStored(pods, namespace, PodFactory.fromTemplate(rs), Keys.MANAGER,
              false);
          events.normal(rs, "SuccessfulCreate", "Created pod: " + Nodes.stringAt(created, "metadata", "name"));
        } catch (ApiException e) {
          if (namespaceTerminating(e)) {
            continue;
          }
          events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
          if (first == null) {
            first = e;
          }
        }
      }
      if (first != null) {
        return first;
      }
      remaining -= batch;
    }
    return null;
  }

  private ApiException deletePods(ObjectNode rs, List<ObjectNode> active, int count) {
    List<ObjectNode> victims = PodDeletionRanking.podsToDelete(active, relatedPods(rs), count,
        store.clock().instant());
    ApiException first = null;
    for (ObjectNode pod : victims) {
      String podName = Nodes.stringAt(pod, "metadata", "name");
      try {
        api.delete(pods, Nodes.stringAt(pod, "metadata", "namespace"), podName, null, false);
        events.normal(rs, "SuccessfulDelete", "Deleted pod: " + podName);
      } catch (ApiException e) {
        if (e.code() == 404) {
          continue;
        }
        events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
        if (first == null) {
          first = new ApiException(e.code(), e.reason(), "unable to delete pods: " + e.getMessage(), null, null,
              List.of(), null);
        }
      }
    }
    return first;
  }

  /** {@code getIndirectlyRelatedPods}: pods of every ReplicaSet with the same controller as this one. */
  private List<ObjectNode> relatedPods(ObjectNode rs) {
    JsonNode owner = ControllerRefs.controllerOf(rs);
    List<ObjectNode> out = new ArrayList<>();
    if (owner == null) {
      return out;
    }
    String ownerUid = owner.path("uid").asString("");
    for (ObjectStore.ObjectRef ref : store.dependents(ownerUid)) {
      if (!ref.type().equals(replicaSets)) {
        continue;
      }
      ObjectNode sibling = store.get(replicaSets, ref.namespace(), ref.name());
      if (sibling != null && ControllerRefs.isControlledBy(sibling, ownerUid)) {
        out.addAll(ownedPods(Nodes.stringAt(sibling, "metadata", "uid")));
      }
    }
    return out;
  }

  /** {@code ClaimPods}' release: drops this ReplicaSet's owner reference from a pod it no longer selects. */
  private void release(ObjectNode storedPod, String uid) {
    ObjectNode pod = storedPod.deepCopy();
    JsonNode refs = Nodes.at(pod, "metadata", "ownerReferences");
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode ref : refs) {
      if (!uid.equals(ref.path("uid").asString(""))) {
        kept.add(ref);
      }
    }
    ObjectNode meta = (ObjectNode) pod.get("metadata");
    if (kept.isEmpty()) {
      meta.remove("ownerReferences");
    } else {
      meta.set("ownerReferences", kept);
    }
    try {
      api.update(pods, Nodes.stringAt(meta, "namespace"), pod, Keys.MANAGER, false);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /** The delay until the next Ready pod passes minReadySeconds, if any is waiting. */
  private Optional<Duration> nextAvailability(List<ObjectNode> active, int minReadySeconds, Instant now) {
    if (minReadySeconds == 0) {
      return Optional.empty();
    }
    Instant next = null;
    for (ObjectNode pod : active) {
      Instant from = PodState.availableFrom(pod, minReadySeconds);
      if (from != null && now.isBefore(from) && (next == null || from.isBefore(next))) {
        next = from;
      }
    }
    if (next == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, next).plus(AVAILABILITY_SLACK).minusNanos(1));
  }

  private static boolean namespaceTerminating(ApiException e) {
    return e.code() == 403 && e.getMessage() != null && e.getMessage().contains("because it is being terminated");
  }
}
